// Customer value: a manager reads the RFM heat map and segments, follows a
// segment to its accounts, and sees an account's value card move as soon
// as a lapsed customer orders again; a sales rep sees the make-up of their
// own book without costs or the workspace-level reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

/** Waits until the server's first scoring run (started at boot) is stored. */
async function waitForScores(page) {
  for (let i = 0; i < 60; i++) {
    const ov = await apiCall(page, 'GET', '/api/v1/analytics/overview');
    if (ov.body.run?.as_of && !ov.body.run.running) return ov.body;
    await page.waitForTimeout(500);
  }
  throw new Error('the demo workspace was not scored within 30 s');
}

test('a manager follows a segment to its accounts and sees a value card move with a new order', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await login(page, 'manager.east@example.com');
    const ov = await waitForScores(page);
    assert.ok(ov.customers > 0, 'the manager sees scored customers');

    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('chart-rfm').locator('canvas').first().waitFor();
    await page.getByTestId('chart-segments').locator('canvas').first().waitFor();
    await screenshot(page, 'analytics-rfm');

    // The segment table links each segment to its accounts.
    const seg = ov.segments.find((s) => s.customers > 0);
    const row = page.getByTestId('segment-table').locator('tr', { has: page.locator(`a[href="/accounts?segment=${seg.key}"]`) });
    await row.locator('a').click();
    await page.waitForURL(`**/accounts?segment=${seg.key}`);
    const rows = page.getByTestId('list-table').locator('.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), Math.min(seg.customers, 50));

    // A lapsed customer (R1) orders today: its card shows R5 at once.
    const lapsed = (await apiCall(page, 'GET', '/api/v1/accounts?r_score=1&limit=1')).body.items[0];
    assert.ok(lapsed, 'the demo has lapsed customers in the manager’s teams');
    await page.goto(`/accounts/${lapsed.id}`);
    await page.getByTestId('value-r').getByText('R1').waitFor();
    const product = (await apiCall(page, 'GET', '/api/v1/products?limit=1')).body.items[0];
    const today = new Date().toISOString().slice(0, 10);
    const created = await apiCall(page, 'POST', '/api/v1/orders', {
      body: { account_id: lapsed.id, number: 'E2E-COMEBACK', order_date: today, lines: [{ product_id: product.id, quantity: 1 }] },
    });
    assert.equal(created.status, 201);
    await page.reload();
    await page.getByTestId('value-r').getByText('R5').waitFor();
    await screenshot(page, 'account-value-card');

    // Lifecycle and migration tabs draw, and the page broke no CSP rule.
    await page.goto('/analytics?tab=lifecycle');
    await page.getByTestId('chart-lifecycle').locator('canvas').first().waitFor();
    await page.goto('/analytics?tab=migration');
    await page.getByTestId('chart-markov').locator('canvas').first().waitFor();
    await screenshot(page, 'analytics-migration');
    await page.goto('/analytics?tab=strategy');
    await page.getByTestId('chart-strategy').locator('canvas').first().waitFor();
    await page.getByTestId('strategy-advice').waitFor();
    await page.goto('/analytics?tab=growth');
    await page.getByTestId('chart-growth').locator('canvas').first().waitFor();
    assert.deepEqual(await cspViolations(page), []);
  });
});

test('a sales rep sees their own book, revenue-based, without workspace reports', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await login(page, 'sales.east@example.com');
    const mine = await waitForScores(page);
    const admin = await newPage(env.browser, env.server.url);
    await login(admin, 'admin@example.com');
    const all = (await apiCall(admin, 'GET', '/api/v1/analytics/overview')).body;
    assert.ok(mine.customers > 0 && mine.customers < all.customers, `sales sees ${mine.customers} of ${all.customers}`);
    assert.equal(mine.pareto.basis, 'revenue');
    assert.equal((await apiCall(page, 'GET', '/api/v1/analytics/reports')).status, 403);

    await page.goto('/analytics?tab=value');
    await page.getByTestId('chart-pareto').locator('canvas').first().waitFor();
    assert.equal(await page.getByRole('tab', { name: /迁移|migration/i }).count(), 0);
    assert.equal(await page.getByTestId('analytics-rescore').count(), 0);
    assert.deepEqual(await cspViolations(page), []);
  });
});
