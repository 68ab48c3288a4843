// Orders and products: a sales rep records an order on their own account
// (prices from the catalogue, total worked out as they type) and the
// account's purchase figures move with it; the rep sees revenue but not
// margins, the warehouse sees costs and keeps the catalogue.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();
const dropdown = (page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

test('a sales rep records an order and the account figures follow', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await login(page, 'sales.east@example.com');
    const list = await apiCall(page, 'GET', '/api/v1/accounts?limit=1&kind=organization');
    const account = list.body.items[0];
    const before = (await apiCall(page, 'GET', `/api/v1/accounts/${account.id}/stats`)).body;
    assert.equal(before.gross_profit, undefined, 'a sales rep must not see the margin');

    await page.goto(`/accounts/${account.id}?tab=orders`);
    await page.getByTestId('account-orders').waitFor();
    await page.getByTestId('order-new').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('order-number').fill('E2E-0001');
    await drawer.getByTestId('order-line-product-0').click();
    await page.keyboard.type('EQ-PUMP-100');
    await dropdown(page).getByText('EQ-PUMP-100', { exact: false }).first().click();
    await drawer.getByTestId('order-line-qty-0').fill('2');
    // 2 x the list price of 18,000.00.
    await drawer.getByTestId('order-total').getByText('¥36,000.00').waitFor();
    await drawer.getByTestId('order-line-price-0').fill('17500');
    await drawer.getByTestId('order-total').getByText('¥35,000.00').waitFor();
    await screenshot(page, 'order-form');
    await drawer.getByTestId('order-save').click();
    await drawer.waitFor({ state: 'detached' });
    await page.getByTestId('orders-table').getByText('E2E-0001').waitFor();
    await screenshot(page, 'account-orders');

    const after = (await apiCall(page, 'GET', `/api/v1/accounts/${account.id}/stats`)).body;
    assert.equal(after.order_count, before.order_count + 1);
    assert.equal(after.revenue, before.revenue + 35_000_00);

    // Editing the order: one more unit at the price typed before.
    await page.getByTestId('order-edit-E2E-0001').click();
    const edit = page.locator('.ant-drawer-open');
    await edit.getByTestId('order-line-price-0').waitFor();
    assert.equal(await edit.getByTestId('order-line-price-0').inputValue(), '17500.00');
    await edit.getByTestId('order-line-qty-0').fill('3');
    await edit.getByTestId('order-total').getByText('¥52,500.00').waitFor();
    await edit.getByTestId('order-save').click();
    await edit.waitFor({ state: 'detached' });
    await page.getByTestId('orders-table').getByText('¥52,500.00').waitFor();
    const edited = (await apiCall(page, 'GET', `/api/v1/accounts/${account.id}/stats`)).body;
    assert.equal(edited.revenue, before.revenue + 52_500_00);
    // The same number again is refused on the number field, nothing written.
    const dup = await apiCall(page, 'POST', '/api/v1/orders', {
      body: { account_id: account.id, number: 'E2E-0001', order_date: '2026-11-01', lines: [{ product_id: (await productId(page, 'EQ-PUMP-100')), quantity: 1 }] },
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.errors[0].field, 'number');
    assert.deepEqual(await cspViolations(page), []);
  });
});

test('warehouse keeps the catalogue and sees costs; sales cannot edit it', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const wh = await newPage(env.browser, env.server.url);
    await login(wh, 'warehouse@example.com');
    await wh.getByTestId('nav-products').click();
    await wh.getByTestId('products-table').getByText('EQ-PUMP-100').waitFor();
    await wh.getByTestId('products-table').getByText('¥14,200.00').waitFor(); // unit cost column
    await wh.getByTestId('product-new').click();
    const drawer = wh.locator('.ant-drawer-open');
    await drawer.getByTestId('product-code').fill('E2E-KIT');
    await drawer.getByTestId('product-name').fill('维修工具包');
    await drawer.getByTestId('product-price').fill('abc');
    await drawer.getByTestId('product-save').click();
    await drawer.getByText('1280.50').waitFor(); // the amount hint
    await drawer.getByTestId('product-price').fill('1280.50');
    await drawer.getByTestId('product-cost').fill('800');
    await drawer.getByTestId('product-save').click();
    await drawer.waitFor({ state: 'detached' });
    await wh.getByTestId('products-table').getByText('E2E-KIT').waitFor();
    await screenshot(wh, 'products');

    const sales = await newPage(env.browser, env.server.url);
    await login(sales, 'sales.east@example.com');
    await sales.getByTestId('nav-products').click();
    await sales.getByTestId('products-table').getByText('E2E-KIT').waitFor();
    assert.equal(await sales.getByTestId('product-new').count(), 0);
    assert.equal(await sales.getByTestId('products-table').getByText('¥800.00').count(), 0, 'sales sees a unit cost');
    const kit = await productId(sales, 'E2E-KIT');
    const res = await apiCall(sales, 'PATCH', `/api/v1/products/${kit}`, { body: { list_price: 1 }, headers: { 'If-Match': '"1"' } });
    assert.equal(res.status, 403);
  });
});

async function productId(page, code) {
  const res = await apiCall(page, 'GET', `/api/v1/products?q=${encodeURIComponent(code)}`);
  return res.body.items.find((p) => p.code === code).id;
}
