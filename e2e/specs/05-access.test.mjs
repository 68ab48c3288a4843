// Record scopes and field rules as the UI shows them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiCall, launchBrowser, login, newPage, startServer, userId, withScreenshotOnFailure } from '../lib/harness.mjs';

let server, browser, admin;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await newPage(browser, server.url);
  await login(admin, 'admin@example.com');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a sales rep cannot open an account of a rep in another team', async (t) => {
  const east = await userId(admin, 'sales.east@example.com');
  const list = await apiCall(admin, 'GET', `/api/v1/accounts?owner_id=${east}&limit=1`);
  const account = list.body.items[0];
  assert.ok(account, 'sales.east owns an account in the demo');

  const page = await newPage(browser, server.url);
  await withScreenshotOnFailure(t, browser, async () => {
    await login(page, 'sales.south@example.com');
    await page.goto(`/accounts/${account.id}`);
    await page.getByTestId('not-found').waitFor();
    assert.doesNotMatch(await page.content(), new RegExp(account.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal((await apiCall(page, 'GET', `/api/v1/accounts/${account.id}`)).status, 404);
    await page.context().close();
  });
});

test("the personal profile of someone else's contact is hidden with a notice", async (t) => {
  // A contact with a filled-in profile, owned by a sales rep.
  const east = await userId(admin, 'sales.east@example.com');
  const list = await apiCall(admin, 'GET', `/api/v1/contacts?owner_id=${east}&limit=50`);
  let contact;
  for (const c of list.body.items) {
    const full = await apiCall(admin, 'GET', `/api/v1/contacts/${c.id}`);
    if (full.body.personal_profile) {
      contact = full.body;
      break;
    }
  }
  if (!contact) {
    contact = list.body.items[0];
    const r = await apiCall(admin, 'PATCH', `/api/v1/contacts/${contact.id}`, {
      headers: { 'If-Match': `"${contact.version}"` },
      body: { personal_profile: { hometown: '泉州', sports: '羽毛球' } },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  // Marketing may read every contact, but is neither the owner nor a manager.
  const page = await newPage(browser, server.url);
  await withScreenshotOnFailure(t, browser, async () => {
    await login(page, 'marketing@example.com');
    await page.goto(`/contacts/${contact.id}`);
    const notice = page.getByTestId('profile-hidden');
    await notice.waitFor();
    assert.match(await notice.textContent(), /仅对该联系人的负责人、负责人的上级经理和管理员可见/);
    assert.equal(await page.getByTestId('profile-fields').count(), 0);

    const seen = await apiCall(page, 'GET', `/api/v1/contacts/${contact.id}`);
    assert.equal(seen.status, 200);
    assert.ok(seen.body.redacted?.includes('personal_profile'), JSON.stringify(seen.body.redacted));
    assert.equal(seen.body.personal_profile, undefined);

    // The owner sees the profile itself.
    const owner = await newPage(browser, server.url);
    await login(owner, 'sales.east@example.com');
    await owner.goto(`/contacts/${contact.id}`);
    await owner.getByTestId('profile-fields').waitFor();
    await owner.context().close();
    await page.context().close();
  });
});

test('finance fields are shown locked, not empty, to a sales rep, and edits leave them alone', async (t) => {
  const page = await newPage(browser, server.url);
  await withScreenshotOnFailure(t, browser, async () => {
    await login(page, 'sales.east@example.com');
    const own = await apiCall(page, 'GET', '/api/v1/accounts?limit=1');
    const account = own.body.items[0];
    assert.deepEqual(account.redacted, ['credit_rating', 'credit_limit']);
    await page.goto(`/accounts/${account.id}`);
    await page.getByTestId('account-details').waitFor();
    assert.match(await page.getByTestId('field-credit_rating').textContent(), /无权查看/);
    assert.match(await page.getByTestId('field-credit_limit').textContent(), /无权查看/);

    // Editing sends only what the rep changed: no hidden finance field and
    // no owner (the rep may not assign owners) goes out as "cleared".
    await page.getByTestId('record-edit').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.locator('#region').fill('海南省');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith(`/api/v1/accounts/${account.id}`));
    await drawer.getByTestId('account-save').click();
    assert.deepEqual((await patch).postDataJSON(), { region: '海南省' });
    await drawer.waitFor({ state: 'detached' });
    const after = await apiCall(page, 'GET', `/api/v1/accounts/${account.id}`);
    assert.equal(after.body.region, '海南省');
    assert.equal(after.body.owner_id, account.owner_id);
    await page.context().close();
  });
});
