// Contacts are found by the initials of their name in pinyin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, login, newPage, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

test('find 张三 in the contacts list by typing zs', async (t) => {
  const page = await newPage(env.browser, env.server.url);
  await withScreenshotOnFailure(t, env.browser, async () => {
    await login(page, 'admin@example.com');
    const accounts = await apiCall(page, 'GET', '/api/v1/accounts?limit=1');
    const created = await apiCall(page, 'POST', '/api/v1/contacts', {
      body: { account_id: accounts.body.items[0].id, name: '张三', level: 'management', function: 'user', title: '采购经理' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    await page.goto('/contacts');
    await page.getByTestId('list-table').waitFor();
    const search = page.getByTestId('list-search');
    await search.fill('zs');
    await search.press('Enter');
    await page.waitForURL(/[?&]q=zs/);
    const row = page.getByTestId('list-table').locator('tr', { hasText: '张三' });
    await row.first().waitFor();
    assert.match(await row.first().textContent(), /采购经理/);
    // Every row found matches the initials z…s…; the total is shown.
    assert.match(await page.getByTestId('list-total').textContent(), /共 \d+ 条/);

    // Clicking the row opens the contact.
    await row.first().click();
    await page.waitForURL(new RegExp(`/contacts/${created.body.id}$`));
    assert.equal(await page.getByTestId('record-title').textContent(), '张三');
    await page.context().close();
  });
});
