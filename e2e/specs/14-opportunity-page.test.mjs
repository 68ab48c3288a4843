// The opportunity page: a sales rep opens an opportunity from the board,
// adds two contacts of the account to its buying centre and sees the gap
// warnings change; an admin renames a stage in settings and the board
// shows the new name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

test('open an opportunity from the board and build its buying centre', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await login(page, 'sales.east@example.com');
    const account = (await apiCall(page, 'GET', '/api/v1/accounts?limit=1')).body.items[0];
    const contact = async (name, level, fn) => {
      const r = await apiCall(page, 'POST', '/api/v1/contacts', { body: { account_id: account.id, name, level, function: fn } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const boss = await contact('E2E 王总', 'decision', 'user');
    const cfo = await contact('E2E 李财务', 'management', 'finance');
    const created = await apiCall(page, 'POST', '/api/v1/opportunities', {
      body: { account_id: account.id, name: 'E2E 采购小组', stage: 'proposal', amount: 120_000_00, expected_close: '2020-01-10' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;

    await page.getByTestId('nav-pipeline').click();
    await page.getByTestId(`opportunity-open-${id}`).click();
    await page.getByTestId('opportunity-page').waitFor();
    assert.equal(await page.getByTestId('opportunity-title').innerText(), 'E2E 采购小组');

    await page.getByRole('tab', { name: /采购决策小组|Buying centre/ }).click();
    const warnings = page.getByTestId('opp-bc-warnings');
    await warnings.getByTestId('opp-bc-warning-no_decision_maker').waitFor();
    assert.equal(await warnings.getByTestId('opp-bc-warning-no_function').count(), 3);

    const add = async (c, role, stance) => {
      await page.getByTestId('opp-bc-contact').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: c.name }).click();
      await page.getByTestId('opp-bc-role').click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title]`).filter({ hasText: role }).first().click();
      await page.getByTestId('opp-bc-stance').click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title]`).filter({ hasText: stance }).first().click();
      await page.getByTestId('opp-bc-add').click();
      await page.getByTestId(`opp-bc-member-${c.id}`).waitFor();
    };
    // The boss decides and opposes us: the warnings say so.
    await add(boss, /决策者|Decision maker/, /反对|Opponent/);
    await warnings.getByTestId('opp-bc-warning-opponent_decision_maker').waitFor();
    assert.equal(await warnings.getByTestId('opp-bc-warning-no_decision_maker').count(), 0);
    assert.match(await warnings.getByTestId('opp-bc-warning-opponent_decision_maker').innerText(), /E2E 王总/);
    // Finance joins: "nobody from finance" goes away.
    assert.equal(await warnings.getByTestId('opp-bc-warning-no_function').count(), 2);
    await add(cfo, /批准者|Approver/, /支持|Supporter/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="opp-bc-warning-no_function"]').length === 1);
    const server = await apiCall(page, 'GET', `/api/v1/opportunities/${id}/contacts`);
    assert.deepEqual(server.body.members.map((m) => `${m.name}:${m.role}:${m.stance}`).sort(), ['E2E 李财务:approver:supporter', 'E2E 王总:decision_maker:opponent']);
    await page.getByTestId('bc-management-finance').getByText('E2E 李财务').waitFor();
    await screenshot(page, 'opportunity-buying-centre');

    await page.getByRole('tab', { name: /阶段历史|Stage history/ }).click();
    await page.getByTestId('opportunity-stays').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'opportunity-stages');
    assert.deepEqual(await cspViolations(page), []);
  });
});

test('an admin renames a stage and the board shows it', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await login(page, 'admin@example.com');
    await page.goto('/settings');
    await page.getByTestId('settings-tab-stages').click();
    const zh = page.getByTestId('stage-name-zh-proposal');
    const en = page.getByTestId('stage-name-proposal');
    await zh.fill('报价谈判');
    await en.fill('Quote & negotiate');
    await screenshot(page, 'settings-stages');
    await page.getByTestId('stages-save').click();
    await page.waitForFunction(
      async () => (await (await fetch('/api/v1/pipeline/stages')).json()).some((s) => s.key === 'proposal' && s.name_zh === '报价谈判'),
    );
    await page.getByTestId('nav-pipeline').click();
    await page.getByTestId('pipeline-column-proposal').getByText(/报价谈判|Quote & negotiate/).waitFor();
    await page.getByTestId('pipeline-view-report').click();
    await page.getByTestId('report-table').locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'pipeline-report');
    assert.deepEqual(await cspViolations(page), []);
  });
});
