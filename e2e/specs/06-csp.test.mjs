// The pages run under the env.server's Content-Security-Policy (no inline
// scripts or styles without the nonce) without a single violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

test('no Content-Security-Policy violations on the main pages', async (t) => {
  const page = await newPage(env.browser, env.server.url);
  await withScreenshotOnFailure(t, env.browser, async () => {
    const res = await page.goto('/login');
    assert.match(res.headers()['content-security-policy'], /style-src 'self' 'nonce-/);
    await page.locator('#email').waitFor();
    await login(page, 'admin@example.com');

    await page.goto('/accounts');
    await page.getByTestId('list-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('column-picker').click();
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-name').waitFor();
    await page.locator('.ant-modal-close').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });

    const accounts = await apiCall(page, 'GET', '/api/v1/accounts?limit=1&kind=organization');
    const id = accounts.body.items[0].id;
    for (const tab of ['overview', 'timeline', 'contacts', 'opportunities', 'orders', 'org', 'buying', 'links', 'referrals', 'competitors', 'history']) {
      await page.goto(`/accounts/${id}?tab=${tab}`);
      await page.getByTestId('record-title').waitFor();
      await page.waitForLoadState('networkidle');
    }
    // Drawers and modals lock the page's scrolling with an injected style.
    await page.getByRole('tab', { name: '上下游' }).click();
    await page.getByTestId('link-add').click();
    await page.locator('.ant-modal').waitFor();
    await page.locator('.ant-modal-close').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await page.getByTestId('record-edit').click();
    await page.getByTestId('account-name').waitFor();
    await page.locator('.ant-drawer-close').click();

    await page.goto('/contacts');
    await page.getByTestId('list-table').locator('tbody tr.ant-table-row').first().click();
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
    await page.getByTestId('record-edit').click();
    await page.getByTestId('contact-name').waitFor();
    await page.waitForLoadState('networkidle');

    // The sales pages: board and its report, an opportunity's tabs, to-do,
    // pool, competitors, targets, stage and pool settings.
    const opps = await apiCall(page, 'GET', '/api/v1/opportunities?limit=1');
    const opp = opps.body.items[0].id;
    for (const path of ['/pipeline', '/pipeline?view=report', '/todo', '/pool', '/competitors', '/targets', '/settings?tab=stages', '/settings?tab=pool']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    for (const tab of ['overview', 'buying', 'competition', 'timeline', 'stages', 'history']) {
      await page.goto(`/opportunities/${opp}?tab=${tab}`);
      await page.waitForLoadState('networkidle');
    }

    const violations = await cspViolations(page);
    assert.deepEqual(violations, []);
    // Every style element Ant Design injected carries the nonce.
    const unnonced = await page.evaluate(() => [...document.querySelectorAll('style')].filter((s) => !s.nonce).length);
    assert.equal(unnonced, 0);
    await page.context().close();
  });
});
