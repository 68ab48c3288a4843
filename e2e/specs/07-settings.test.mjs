// Workspace settings (admins) and My account (everyone): a custom field
// defined here appears in the account form, a new user can sign in and
// change their password, personal API tokens work until revoked, and the
// settings page stays closed to everyone else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();
// One admin session for the admin tests, signed in by the first of them.
let admin;
async function signInAdmin() {
  if (!admin) {
    admin = await newPage(env.browser, env.server.url);
    await login(admin, 'admin@example.com');
  }
}

/** The open dropdown of an antd Select or TreeSelect. */
const dropdown = (page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

test('an admin defines a select field on accounts and it appears in the account form', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    await signInAdmin();
    await admin.getByTestId('nav-settings').click();
    await admin.getByTestId('settings-tab-fields').click();
    await admin.getByTestId('cf-table').waitFor();
    await admin.getByTestId('cf-new').click();
    const drawer = admin.locator('.ant-drawer-open');
    await drawer.getByTestId('cf-label').fill('Delivery terms');
    // The key follows a Latin label until one is typed.
    assert.equal(await drawer.getByTestId('cf-key').inputValue(), 'delivery_terms');
    await drawer.getByTestId('cf-type').click();
    await dropdown(admin).getByTitle('单选', { exact: true }).click();
    // A choice field starts with one empty option; an empty one is refused.
    await drawer.getByTestId('cf-save').click();
    await drawer.getByText('必填').first().waitFor();
    const option = drawer.getByTestId('cf-option');
    await option.nth(0).fill('快递');
    for (const [i, o] of ['物流', '自提'].entries()) {
      await drawer.getByTestId('cf-add-option').click();
      await option.nth(i + 1).fill(o);
    }
    await drawer.getByTestId('cf-save').click();
    await drawer.waitFor({ state: 'detached' });
    await admin.getByTestId('cf-table').getByText('delivery_terms', { exact: true }).waitFor();

    // The account form offers the new field with its options.
    const list = await apiCall(admin, 'GET', '/api/v1/accounts?limit=1&kind=organization');
    const account = list.body.items[0];
    await admin.goto(`/accounts/${account.id}`);
    await admin.getByTestId('record-edit').click();
    const form = admin.locator('.ant-drawer-open');
    await form.getByTestId('account-name').waitFor();
    await form.locator('.ant-form-item').filter({ hasText: 'Delivery terms' }).locator('.ant-select').click();
    await dropdown(admin).getByTitle('物流', { exact: true }).click();
    await form.getByTestId('account-save').click();
    await form.waitFor({ state: 'detached' });
    const saved = await apiCall(admin, 'GET', `/api/v1/accounts/${account.id}`);
    assert.equal(saved.body.custom.delivery_terms, '物流');
  });
});

test('a team that still has members is not deleted, and the page says why', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    await signInAdmin();
    await admin.goto('/settings?tab=teams');
    await admin.getByTestId('team-delete-华东销售部').click();
    await admin.locator('.ant-modal-confirm').getByRole('button', { name: /删\s*除/ }).click();
    const why = admin.getByTestId('team-delete-conflict');
    await why.waitFor();
    assert.match(await why.textContent(), /仍有成员、下级团队或客户记录/);
    assert.match(await why.textContent(), /\d+ 位成员/);
    await admin.locator('.ant-modal-confirm-error').getByRole('button').click();
    const teams = await apiCall(admin, 'GET', '/api/v1/teams');
    assert.ok(teams.body.some((x) => x.name === '华东销售部'));
  });
});

test('an admin adds a user, who signs in and changes the password', async (t) => {
  const email = 'new.rep@example.com';
  const first = 'first-password-1';
  const second = 'second-password-2';
  await withScreenshotOnFailure(t, env.browser, async () => {
    await signInAdmin();
    await admin.goto('/settings');
    await admin.getByTestId('user-new').click();
    const drawer = admin.locator('.ant-drawer-open');
    await drawer.getByTestId('user-email').fill(email);
    await drawer.getByTestId('user-name').fill('新同事');
    await drawer.getByTestId('user-team').click();
    await dropdown(admin).getByTitle('华东销售部', { exact: true }).click();
    await drawer.getByTestId('user-password').fill(first);
    await drawer.getByTestId('user-password-confirm').fill(first);
    await drawer.getByTestId('user-save').click();
    await drawer.waitFor({ state: 'detached' });
    await admin.getByTestId('user-search').fill('new.rep');
    await admin.getByTestId('user-table').getByText(email, { exact: true }).waitFor();

    const page = await newPage(env.browser, env.server.url);
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(first);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('user-menu').getByText('新同事').waitFor();
    assert.equal(await page.getByTestId('nav-settings').count(), 0);

    // Changing the password ends every session, this one too: the login
    // page says so, and only the new password works.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('nav-my-account').click();
    await page.getByTestId('password-current').fill(first);
    await page.getByTestId('password-new').fill(second);
    await page.getByTestId('password-confirm').fill(second);
    await page.getByTestId('password-save').click();
    await page.getByTestId('login-notice').waitFor();
    assert.match(await page.getByTestId('login-notice').textContent(), /密码已修改/);
    assert.match(page.url(), /\/login\?next=%2Fme/);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(second);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('my-account').waitFor();
    await page.context().close();
  });
});

test('a sales rep creates an API token, uses it, revokes it; settings stay closed', async (t) => {
  const page = await newPage(env.browser, env.server.url);
  await withScreenshotOnFailure(t, env.browser, async () => {
    await login(page, 'sales.east@example.com');
    assert.equal(await page.getByTestId('nav-settings').count(), 0);
    await page.goto('/settings');
    await page.getByTestId('not-found').waitFor();
    assert.equal(await page.getByTestId('settings-page').count(), 0);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('nav-my-account').click();
    await page.getByTestId('token-name').fill('e2e script');
    await page.getByTestId('token-create').click();
    const token = (await page.getByTestId('token-value').textContent()).trim();
    assert.match(token, /^gx_\w+$/);

    // The bearer token is what the server uses (it wins over the cookie).
    const bearer = { Authorization: `Bearer ${token}` };
    const me = await page.request.get('/api/v1/me', { headers: bearer });
    assert.equal(me.status(), 200);
    assert.equal((await me.json()).user.email, 'sales.east@example.com');

    await page.getByTestId('token-done').click();
    await page.getByTestId('token-revoke-e2e script').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /撤\s*销/ }).click();
    await page.getByTestId('token-table').getByText('e2e script').waitFor({ state: 'detached' });
    assert.equal((await page.request.get('/api/v1/me', { headers: bearer })).status(), 401);
    // The session itself is untouched.
    assert.equal((await page.request.get('/api/v1/me')).status(), 200);

    assert.deepEqual(await cspViolations(page), []);
    if (admin) assert.deepEqual(await cspViolations(admin), []);
    await page.context().close();
  });
});
