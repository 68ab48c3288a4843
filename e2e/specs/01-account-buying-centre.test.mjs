// An account is created through the UI with two contacts at different
// levels and functions, and both appear in the buying-centre grid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login, newPage, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

async function addContact(page, name, level, fn) {
  await page.getByTestId('account-add-contact').click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByTestId('contact-name').fill(name);
  await drawer.locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${level}$`) }).click();
  await drawer.locator('label.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${fn}$`) }).click();
  await drawer.getByTestId('contact-save').click();
  await drawer.waitFor({ state: 'detached' });
  await page.getByTestId('account-contacts').getByText(name, { exact: true }).waitFor();
}

test('create an organization with two contacts and see them in the buying centre', async (t) => {
  const page = await newPage(env.browser, env.server.url);
  await withScreenshotOnFailure(t, env.browser, async () => {
    await login(page, 'sales.east@example.com');
    await page.goto('/accounts');
    await page.getByTestId('account-new').click();
    const drawer = page.locator('.ant-drawer-open');
    const name = `厦门测试科技有限公司 ${Date.now()}`;
    await drawer.getByTestId('account-name').fill(name);

    // A wrong check character is caught before the request is sent.
    await drawer.getByTestId('account-credit-code').fill('91350100M000100Y44');
    await drawer.getByTestId('account-save').click();
    await drawer.getByText('校验码不正确').waitFor();
    await drawer.getByTestId('account-credit-code').fill('91350100m000100y43');
    await drawer.getByTestId('account-save').click();

    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    assert.equal(await page.getByTestId('record-title').textContent(), name);
    await page.getByRole('tab', { name: /联系人/ }).click();
    await addContact(page, '陈总', '决策层', '财务部门');
    await addContact(page, '刘工', '操作层', '技术部门');

    await page.getByTestId('tab-buying').click();
    const grid = page.getByTestId('buying-centre');
    await grid.waitFor();
    assert.match(await grid.getByTestId('bc-decision-finance').textContent(), /陈总/);
    assert.match(await grid.getByTestId('bc-operational-technical').textContent(), /刘工/);
    // The seven other cells are gaps.
    assert.equal(await grid.locator('.gx-bc-gap').count(), 7);
    assert.match(await page.getByTestId('bc-gap-count').textContent(), /7/);
    await page.context().close();
  });
});
