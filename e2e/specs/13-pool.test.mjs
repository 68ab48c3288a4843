// The public pool (公海): an account its owner put back is listed in the
// pool with its previous owner; another sales rep claims it from the pool
// page, within their claim allowance, and then finds it in their own
// accounts list. The daily reclaim job has already filled the pool from
// the demo's accounts without recent follow-up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

test('a sales rep claims an account from the pool page and sees it among their accounts', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    // sales.south puts a new account back into the pool.
    const south = await newPage(env.browser, env.server.url);
    await login(south, 'sales.south@example.com');
    const name = `E2E 公海客户 ${Date.now() % 100000}`;
    const created = await apiCall(south, 'POST', '/api/v1/accounts', { body: { kind: 'individual', name } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const released = await apiCall(south, 'POST', `/api/v1/accounts/${created.body.id}/release`);
    assert.equal(released.status, 200, JSON.stringify(released.body));
    assert.equal(released.body.owner_id, undefined);
    await south.context().close();

    const page = await newPage(env.browser, env.server.url);
    await login(page, 'sales.east@example.com');
    const mine = await apiCall(page, 'GET', `/api/v1/accounts?q=${encodeURIComponent(name)}`);
    assert.equal(mine.body.items.length, 0, 'a pooled account is in nobody’s own list');
    const before = (await apiCall(page, 'GET', '/api/v1/pool?limit=1')).body.allowance;

    await page.getByTestId('nav-pool').click();
    await page.getByTestId('pool-page').waitFor();
    await page.getByTestId('pool-allowance').waitFor();
    assert.match(await page.getByTestId('pool-allowance').innerText(), new RegExp(`${before.remaining}.*${before.limit}`));
    const row = page.locator('.ant-table-row', { hasText: name });
    await row.waitFor();
    assert.match(await row.innerText(), /陈静/); // the previous owner
    await screenshot(page, 'pool');

    await page.getByTestId(`pool-claim-${name}`).click();
    await page.getByTestId('pool-claimed').waitFor();
    await row.waitFor({ state: 'detached' });
    assert.match(await page.getByTestId('pool-allowance').innerText(), new RegExp(`${before.remaining - 1}.*${before.limit}`));

    await page.locator('.ant-menu-item', { hasText: '客户' }).first().click();
    await page.waitForURL(/\/accounts$/);
    await page.getByTestId('list-table').locator('.ant-table-row', { hasText: name }).waitFor();
    const account = await apiCall(page, 'GET', `/api/v1/accounts/${created.body.id}`);
    assert.equal(account.status, 200);
    const history = await apiCall(page, 'GET', `/api/v1/accounts/${created.body.id}/history`);
    assert.deepEqual(history.body.items.slice(0, 2).map((c) => c.field), ['@claimed', '@pooled']);
    assert.deepEqual(await cspViolations(page), []);
  });
});
