// Importing orders from a CSV: a sales rep checks a file with one bad row
// and sees the row's line and column (nothing is written), fixes it, checks
// again, imports, and finds the order in the orders list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

test('a sales rep imports orders from a CSV after fixing a bad row', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await login(page, 'sales.east@example.com');
    const account = (await apiCall(page, 'GET', '/api/v1/accounts?limit=1&kind=organization')).body.items[0];
    const csv = (qty) =>
      '订单号,客户,日期,产品,数量,单价\n' +
      `IMP-E2E-1,${account.id},2026-10-01,EQ-PUMP-100,1,\n` +
      `IMP-E2E-1,${account.id},2026-10-01,EQ-PUMP-100,${qty},17500\n`;
    const file = (qty) => ({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(qty)) });

    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-list').waitFor();
    await page.getByTestId('orders-import').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.locator('input[type=file]').setInputFiles(file(-2));
    await drawer.getByTestId('import-check').click();
    const problems = drawer.getByTestId('import-problems');
    await problems.waitFor();
    await problems.getByText('quantity').waitFor();
    assert.equal(await problems.locator('tbody tr').count(), 1);
    assert.match(await problems.locator('tbody tr').first().innerText(), /^3\s/);
    assert.ok(await drawer.getByTestId('import-commit').isDisabled(), 'a file with problems cannot be imported');
    await screenshot(page, 'import-orders-problems');
    const none = await apiCall(page, 'GET', '/api/v1/orders?q=IMP-E2E-1');
    assert.equal(none.body.items.length, 0, 'a failed check wrote orders');

    await drawer.locator('input[type=file]').setInputFiles(file(2));
    await drawer.getByTestId('import-check').click();
    await drawer.getByTestId('import-checked').waitFor();
    assert.equal(await drawer.getByTestId('import-created').innerText(), '1');
    await drawer.getByTestId('import-commit').click();
    await drawer.getByTestId('import-imported').waitFor();
    await screenshot(page, 'import-orders-done');
    await drawer.getByTestId('import-close').click();
    await page.getByTestId('orders-list').getByText('IMP-E2E-1').waitFor();

    const orders = (await apiCall(page, 'GET', '/api/v1/orders?q=IMP-E2E-1')).body.items;
    assert.equal(orders.length, 1);
    // 1 x the list price of 18,000.00 + 2 x 17,500.00.
    assert.equal(orders[0].revenue, 53_000_00);
    assert.equal(orders[0].lines.length, 2);
    assert.deepEqual(await cspViolations(page), []);
  });
});
