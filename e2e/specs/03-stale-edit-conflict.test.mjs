// Saving an edit based on a version someone else has since changed shows a
// conflict and overwrites nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, login, newPage, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

test('a stale edit shows the conflict and keeps the other change', async (t) => {
  const page = await newPage(env.browser, env.server.url);
  await withScreenshotOnFailure(t, env.browser, async () => {
    await login(page, 'admin@example.com');
    const created = await apiCall(page, 'POST', '/api/v1/accounts', {
      body: { kind: 'organization', name: '冲突测试有限公司', credit_code: '91350100M000100Y43', region: '福建省' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;

    await page.goto(`/accounts/${id}`);
    await page.getByTestId('record-edit').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('account-name').waitFor();

    // Someone else saves first, through the API with the same session.
    const other = await apiCall(page, 'PATCH', `/api/v1/accounts/${id}`, {
      headers: { 'If-Match': `"${created.body.version}"` },
      body: { name: '别人改过的名字' },
    });
    assert.equal(other.status, 200, JSON.stringify(other.body));

    await drawer.getByTestId('account-name').fill('我的修改');
    await drawer.locator('#region').fill('广东省');
    await drawer.getByTestId('account-save').click();
    const alert = page.getByTestId('conflict-alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /有人刚刚修改了这条记录/);

    // Nothing of the stale edit reached the env.server.
    const now = await apiCall(page, 'GET', `/api/v1/accounts/${id}`);
    assert.equal(now.body.name, '别人改过的名字');
    assert.equal(now.body.region, '福建省');
    assert.equal(now.body.version, other.body.version);

    // Reloading shows the other person's version, ready to edit again.
    await page.getByTestId('conflict-reload').click();
    await alert.waitFor({ state: 'detached' });
    assert.equal(await drawer.getByTestId('account-name').inputValue(), '别人改过的名字');
    await drawer.locator('#region').fill('广东省');
    await drawer.getByTestId('account-save').click();
    await drawer.waitFor({ state: 'detached' });
    const saved = await apiCall(page, 'GET', `/api/v1/accounts/${id}`);
    assert.equal(saved.body.name, '别人改过的名字');
    assert.equal(saved.body.region, '广东省');
    await page.context().close();
  });
});
