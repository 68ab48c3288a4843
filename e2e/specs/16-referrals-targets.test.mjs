// Sales targets: a manager sets a month target for a sales rep on the
// Targets page and sees the attainment the server computes from won
// opportunities. Referrals: the account page's Referrals tab draws the
// network and lists who referred whom.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, userId, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

test('a manager sets a month target and sees attainment', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await login(page, 'manager.east@example.com');
    const rep = await userId(page, 'sales.east@example.com');
    // A deal of the rep won now, so this month has something won.
    const accounts = await apiCall(page, 'GET', `/api/v1/accounts?owner_id=${rep}&limit=1`);
    const created = await apiCall(page, 'POST', '/api/v1/opportunities', {
      body: { account_id: accounts.body.items[0].id, name: 'E2E 目标赢单', amount: 300_000_00, expected_close: '2026-12-31', owner_id: rep },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const won = await apiCall(page, 'POST', `/api/v1/opportunities/${created.body.id}/move`, {
      body: { stage: 'won', win_loss_reason: '方案最优' },
      headers: { 'If-Match': '"1"' },
    });
    assert.equal(won.status, 200, JSON.stringify(won.body));

    await page.getByTestId('nav-targets').click();
    await page.getByTestId('targets-page').waitFor();
    assert.equal(await page.getByTestId('targets-period').innerText(), thisMonth());
    const before = (await apiCall(page, 'GET', `/api/v1/targets/attainment?period=${thisMonth()}`)).body.rows.find((r) => r.id === rep);
    assert.ok(before.won >= 300_000_00, `won ${before.won}`);

    // Set the target at twice what was won (in yuan).
    const yuan = (before.won * 2) / 100;
    await page.getByTestId('target-edit-李娜').click();
    await page.getByTestId('target-amount').fill(String(yuan));
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });

    const after = (await apiCall(page, 'GET', `/api/v1/targets/attainment?period=${thisMonth()}`)).body.rows.find((r) => r.id === rep);
    assert.equal(after.target, before.won * 2);
    assert.equal(after.percent, 50);
    assert.equal(after.gap, before.won);
    const row = page.locator('.ant-table-row', { hasText: '李娜' });
    await row.getByTestId('target-progress').filter({ hasText: '50%' }).waitFor();
    await page.waitForTimeout(500); // the bar's transition
    await screenshot(page, 'targets-month');

    // The quarter shows its own target beside the sum of its months.
    await page.getByTestId('targets-kind').getByText(/按季度|Quarter/).click();
    await page.getByTestId('targets-period').filter({ hasText: '-Q' }).waitFor();
    await page.locator('.ant-table-thead', { hasText: /各月目标合计|Sum of monthly targets/ }).waitFor();
    await screenshot(page, 'targets-quarter');
    assert.deepEqual(await cspViolations(page), []);
  });
});

test('the account page shows the referral graph', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await login(page, 'admin@example.com');
    const accounts = (await apiCall(page, 'GET', '/api/v1/accounts?limit=40&sort=-created_at')).body.items;
    const [a, b, c] = accounts.slice(-3);
    for (const [from, to] of [[a, b], [b, c]]) {
      const r = await apiCall(page, 'POST', '/api/v1/referrals', { body: { referrer_account_id: from.id, referred_account_id: to.id, note: 'E2E' } });
      assert.ok(r.status === 201 || r.status === 409, JSON.stringify(r.body));
    }
    await page.goto(`/accounts/${b.id}`);
    await page.getByTestId('tab-referrals').click();
    await page.getByTestId('referral-graph').waitFor();
    await page.getByTestId('referrals').locator('.ant-table-row', { hasText: a.name }).first().waitFor();
    await page.getByTestId('referrals').locator('.ant-table-row', { hasText: c.name }).first().waitFor();
    const graph = await apiCall(page, 'GET', `/api/v1/accounts/${b.id}/referrals/graph`);
    const names = graph.body.nodes.map((n) => n.name);
    assert.ok(names.includes(a.name) && names.includes(c.name), names.join(','));
    // The canvas is drawn (not blank) once ECharts has rendered.
    await page.waitForFunction(() => {
      const cv = document.querySelector('[data-testid="referral-graph"] canvas');
      return cv && cv.width > 0;
    });
    await screenshot(page, 'account-referrals');
    // The form to record a referral (a modal: it injects styles too).
    await page.getByTestId('referral-add').click();
    await page.locator('.ant-modal').waitFor();
    await page.waitForTimeout(500); // the modal's zoom-in
    await screenshot(page, 'account-referral-add');
    await page.locator('.ant-modal-close').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    // Opened straight on its tab and photographed (a full-page screenshot
    // resizes the page), the graph draws without a script error: ECharts
    // used to lay it out in a box of no size and fail.
    for (let i = 0; i < 3; i++) {
      await page.goto(`/accounts/${b.id}?tab=referrals`);
      await page.getByTestId('referral-graph').waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ fullPage: true });
      await page.goto(`/accounts/${b.id}?tab=history`);
      await page.waitForLoadState('networkidle');
    }
    assert.deepEqual(page.consoleErrors.filter((e) => e.startsWith('pageerror')), []);
    assert.deepEqual(await cspViolations(page), []);
  });
});
