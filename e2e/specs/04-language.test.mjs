// The language is switched from the header and remembered per user on the
// env.server, so it applies again after signing out and in, on any device.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, login, newPage, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

const menu = (page) => page.locator('.ant-layout-sider .ant-menu');

async function switchTo(page, label) {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
  await page.getByTestId('language-switch').click();
  const item = page.getByRole('menuitem', { name: label, exact: true });
  await item.waitFor();
  // The menu animates open; wait until it stands still before choosing.
  await page.waitForTimeout(300);
  await item.click();
  assert.equal((await saved).status(), 200);
}

test('switch zh-CN to en and back; the choice survives signing out and in', async (t) => {
  const page = await newPage(env.browser, env.server.url);
  await withScreenshotOnFailure(t, env.browser, async () => {
    await login(page, 'sales.south@example.com');
    await menu(page).getByText('客户', { exact: true }).waitFor();

    await switchTo(page, 'English');
    await menu(page).getByText('Accounts', { exact: true }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal((await apiCall(page, 'GET', '/api/v1/me')).body.user.locale, 'en');

    // Sign out, then in again from a fresh env.browser (no local memory).
    await page.getByTestId('user-menu').click();
    await page.getByText('Sign out', { exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.context().close();

    const again = await newPage(env.browser, env.server.url, { locale: 'zh-CN' });
    await login(again, 'sales.south@example.com');
    await menu(again).getByText('Accounts', { exact: true }).waitFor();
    assert.match(await again.locator('.gx-page-title').first().textContent(), /Accounts/);

    await switchTo(again, '简体中文');
    await menu(again).getByText('客户', { exact: true }).waitFor();
    await again.getByTestId('user-menu').click();
    await again.getByText('退出登录', { exact: true }).click();
    await again.waitForURL(/\/login/);
    await login(again, 'sales.south@example.com');
    await menu(again).getByText('客户', { exact: true }).waitFor();
    await again.context().close();
  });
});
