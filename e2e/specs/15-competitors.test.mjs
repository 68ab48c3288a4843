// Competitors: a sales rep adds a competitor, records it at an account,
// puts it in play on an opportunity and scores the customer delivered
// value worksheet (顾客让渡价值), seeing both offers side by side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

/** The input of an antd InputNumber found by its test id. */
function numberInput(page, id) {
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}

/** Picks the option labelled name in the antd Select with the test id. */
async function pick(page, id, name) {
  await page.getByTestId(id).click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: name }).first().click();
}

test('add a competitor, record it at an account, put it in play and score the worksheet', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await login(page, 'sales.east@example.com');
    const name = `E2E 对手 ${Date.now() % 100000}`;

    // 1. A new competitor record.
    await page.getByTestId('nav-competitors').click();
    await page.getByTestId('competitors-table').waitFor();
    await page.getByTestId('competitor-new').click();
    await page.getByTestId('competitor-name-input').fill(name);
    await page.getByTestId('competitor-website').fill('https://rival.example.com');
    await page.getByTestId('competitor-products').fill('伺服驱动器');
    await page.getByTestId('competitor-save').click();
    await page.getByTestId('competitor-name').filter({ hasText: name }).waitFor();
    const found = await apiCall(page, 'GET', `/api/v1/competitors?q=${encodeURIComponent(name)}`);
    assert.equal(found.body.items.length, 1);
    const competitor = found.body.items[0];
    assert.equal(competitor.website, 'https://rival.example.com');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await screenshot(page, 'competitors-list');

    // 2. Present at one of the rep's accounts.
    const accounts = await apiCall(page, 'GET', '/api/v1/accounts?limit=1');
    const account = accounts.body.items[0];
    await page.goto(`/accounts/${account.id}?tab=competitors`);
    await page.getByTestId('account-competitors').waitFor();
    await page.getByTestId('presence-add').click();
    await pick(page, 'presence-competitor', name);
    await page.getByTestId('presence-products').fill('旧产线伺服');
    await page.getByTestId('presence-rep').fill('赵经理');
    await screenshot(page, 'presence-modal');
    await page.locator('#presence-save').click();
    await page.getByTestId('account-competitors').getByRole('link', { name }).waitFor();
    const present = await apiCall(page, 'GET', `/api/v1/accounts/${account.id}/competitors`);
    const mine = present.body.find((p) => p.competitor_id === competitor.id);
    assert.equal(mine.rep_name, '赵经理');
    await screenshot(page, 'account-competitors');
    // The account's history names the competitor and the field.
    await page.goto(`/accounts/${account.id}?tab=history`);
    await page.getByText(`竞争对手 · ${name} · 对方销售`).first().waitFor();

    // 3. In play on an opportunity of that account.
    const created = await apiCall(page, 'POST', '/api/v1/opportunities', {
      body: { account_id: account.id, name: 'E2E 竞争项目', amount: 800_000_00, expected_close: '2027-03-31' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const opp = created.body.id;
    await page.goto(`/opportunities/${opp}?tab=competition`);
    await page.getByTestId('opportunity-competition').waitFor();
    await pick(page, 'in-play-select', name);
    await page.getByTestId('in-play-add').click();
    await page.getByTestId('in-play-tag').filter({ hasText: name }).waitFor();

    // 4. The worksheet shows us and the competitor side by side.
    await page.getByTestId('dv-party').filter({ hasText: name }).first().waitFor();
    const us = { product: 8, service: 9, personnel: 7.5, image: 6, money: 7, time: 3, energy: 2.5, psychic: 2 };
    const them = { product: 8.5, service: 6, personnel: 6, image: 9, money: 5, time: 5, energy: 4, psychic: 3 };
    for (const [line, v] of Object.entries(us)) await numberInput(page, `dv-us-${line}`).fill(String(v));
    for (const [line, v] of Object.entries(them)) await numberInput(page, `dv-k-${line}`).fill(String(v));
    await numberInput(page, 'dv-us-product').focus(); // the last input commits on blur
    assert.equal(await page.getByTestId('dv-us-delivered_value').innerText(), '16.0');
    assert.equal(await page.getByTestId('dv-k-delivered_value').innerText(), '12.5');
    await page.getByTestId('dv-save').click();
    await page.waitForFunction(
      async (id) => (await (await fetch(`/api/v1/opportunities/${id}/delivered-value`)).json()).version === 1,
      opp,
    );
    const ws = await apiCall(page, 'GET', `/api/v1/opportunities/${opp}/delivered-value`);
    assert.deepEqual(
      ws.body.rows.map((r) => [r.party === 'us' ? 'us' : r.competitor_name, r.total_value, r.total_cost, r.delivered_value]),
      [['us', 30.5, 14.5, 16], [name, 29.5, 17, 12.5]],
    );
    // Our advantage on the delivered value line is marked.
    const delivered = page.locator('tr', { has: page.getByTestId('dv-us-delivered_value') });
    await delivered.getByTestId('dv-advantage').waitFor();
    await screenshot(page, 'delivered-value');

    // 5. The competitor's drawer lists the account and an open pipeline against them.
    await page.goto(`/competitors?open=${competitor.id}`);
    await page.getByTestId('competitor-accounts').getByRole('link', { name: account.name }).waitFor();
    const wl = await apiCall(page, 'GET', `/api/v1/competitors/${competitor.id}/win-loss`);
    assert.equal(wl.body.open, 1);
    assert.equal(wl.body.open_amount, 800_000_00);
    await screenshot(page, 'competitor-detail');

    assert.deepEqual(await cspViolations(page), []);
  });
});
