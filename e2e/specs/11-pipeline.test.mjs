// The pipeline board: a sales rep drags an opportunity to the next stage,
// the server records the move, Undo moves it back (a move of its own,
// validated by the server too); closing as lost asks for a reason first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

/** Drags source onto target with the mouse (native HTML5 drag events), both in view. */
async function drag(source, target) {
  await source.dragTo(target, { targetPosition: { x: 100, y: 60 } });
}

test('drag an opportunity to the next stage and undo it', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    // Wide enough for every column: dragging out of a scrolled board is
    // the browser's auto-scroll, which the test cannot drive.
    await page.setViewportSize({ width: 2600, height: 900 });
    await login(page, 'sales.east@example.com');
    const accounts = await apiCall(page, 'GET', '/api/v1/accounts?limit=1');
    const account = accounts.body.items[0];
    // The earliest expected close puts the card first in its column.
    const created = await apiCall(page, 'POST', '/api/v1/opportunities', {
      body: { account_id: account.id, name: 'E2E 产线改造', stage: 'proposal', amount: 250_000_00, expected_close: '2020-01-15' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;

    await page.getByTestId('nav-pipeline').click();
    await page.getByTestId('pipeline-board').waitFor();
    // The forecast below the board sums the open pipeline by month.
    await page.getByTestId('pipeline-forecast').locator('.ant-table-row').first().waitFor();
    const column = (key) => page.getByTestId(`pipeline-column-${key}`);
    const card = page.getByTestId(`opportunity-card-${id}`);
    await column('proposal').getByTestId(`opportunity-card-${id}`).waitFor();
    const before = Number(await page.getByTestId('pipeline-count-supplier_selection').innerText());

    await drag(card, column('supplier_selection'));
    await column('supplier_selection').getByTestId(`opportunity-card-${id}`).waitFor();
    await page.getByTestId('pipeline-moved').waitFor();
    assert.equal(Number(await page.getByTestId('pipeline-count-supplier_selection').innerText()), before + 1);
    let server = await apiCall(page, 'GET', `/api/v1/opportunities/${id}`);
    assert.equal(server.body.stage, 'supplier_selection');
    assert.equal(server.body.probability, 60);
    await screenshot(page, 'pipeline-moved');

    await page.getByTestId('pipeline-undo').click();
    await column('proposal').getByTestId(`opportunity-card-${id}`).waitFor();
    await page.waitForFunction(
      async (oid) => (await (await fetch(`/api/v1/opportunities/${oid}`)).json()).stage === 'proposal',
      id,
    );
    assert.equal(Number(await page.getByTestId('pipeline-count-supplier_selection').innerText()), before);
    const changes = await apiCall(page, 'GET', `/api/v1/opportunities/${id}/stage-changes`);
    assert.deepEqual(
      changes.body.map((c) => `${c.from_stage}>${c.to_stage}`),
      ['>proposal', 'proposal>supplier_selection', 'supplier_selection>proposal'],
    );

    // Lost needs a reason: the modal asks, cancelling leaves the card.
    await drag(card, column('lost'));
    await page.getByTestId('pipeline-reason').waitFor();
    await screenshot(page, 'pipeline-reason');
    await page.locator('.ant-modal-footer button').first().click();
    await page.getByTestId('pipeline-reason').waitFor({ state: 'detached' });
    await column('proposal').getByTestId(`opportunity-card-${id}`).waitFor();
    server = await apiCall(page, 'GET', `/api/v1/opportunities/${id}`);
    assert.equal(server.body.stage, 'proposal');

    // Without dragging: the card's menu (a focusable button, opened here
    // with Enter) moves it too.
    await page.getByTestId(`opportunity-move-${id}`).focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item', { hasText: /需求确定|确定需求|Need determination/ }).click();
    await column('need_determination').getByTestId(`opportunity-card-${id}`).waitFor();
    server = await apiCall(page, 'GET', `/api/v1/opportunities/${id}`);
    assert.equal(server.body.stage, 'need_determination');

    assert.deepEqual(await cspViolations(page), []);
  });
});
