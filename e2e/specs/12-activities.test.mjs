// Follow-ups: a sales rep logs a WeChat follow-up on an account with a
// next step due tomorrow; it shows on the account's timeline (notes as
// plain text), the next step shows in the to-do centre, and marking it
// done moves it to the done group, on the server too; the activity then
// goes to the recycle bin from the timeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiCall, cspViolations, login, newPage, screenshot, serverAndBrowser, withScreenshotOnFailure } from '../lib/harness.mjs';

const env = serverAndBrowser();

test('log a WeChat follow-up and close its next step in the to-do centre', async (t) => {
  await withScreenshotOnFailure(t, env.browser, async () => {
    const page = await newPage(env.browser, env.server.url);
    await login(page, 'sales.east@example.com');
    const accounts = await apiCall(page, 'GET', '/api/v1/accounts?limit=1&sort=name');
    const account = accounts.body.items[0];
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const step = `E2E 发送报价单 ${Date.now()}`;

    await page.goto(`/accounts/${account.id}?tab=timeline`);
    await page.getByTestId('timeline').waitFor();
    await page.getByTestId('timeline-log').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByTestId('activity-subject').fill('E2E 微信跟进');
    await drawer.getByTestId('activity-notes').fill('<b>不是 HTML</b>\n第二行');
    await drawer.getByTestId('activity-next-step').fill(step);
    const due = drawer.getByTestId('activity-next-step-due');
    await due.click();
    await due.fill(tomorrow);
    await due.press('Enter');
    await screenshot(page, 'activity-form');
    await drawer.getByTestId('activity-save').click();
    await drawer.waitFor({ state: 'detached' });

    // The timeline shows it, its notes as text, and the channel.
    const item = page.getByTestId('timeline-activity').filter({ hasText: 'E2E 微信跟进' }).first();
    await item.waitFor();
    assert.match(await item.innerText(), /<b>不是 HTML<\/b>/);
    assert.match(await item.innerText(), /微信/);
    assert.equal(await item.locator('b').count(), 0);
    await screenshot(page, 'activity-timeline');

    // Editing it keeps the next step (and its task) and records the outcome.
    await item.getByTestId('timeline-activity-edit').click();
    const edit = page.locator('.ant-drawer-open');
    assert.equal(await edit.getByTestId('activity-next-step').inputValue(), step);
    await edit.locator('#outcome').fill('客户同意下周约见');
    await edit.getByTestId('activity-save').click();
    await edit.waitFor({ state: 'detached' });
    await item.getByText('客户同意下周约见').waitFor();

    // The next step is a task in the to-do centre, upcoming (due tomorrow).
    await page.getByTestId('nav-todo').click();
    const upcoming = page.getByTestId('todo-group-upcoming');
    const row = upcoming.getByTestId('todo-item').filter({ hasText: step });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(tomorrow));
    await screenshot(page, 'todo-centre');

    // Marking it done moves it to the done group, on the server too.
    await row.getByTestId('todo-toggle').click();
    await page.getByTestId('todo-group-done').getByTestId('todo-item').filter({ hasText: step }).waitFor();
    await upcoming.getByTestId('todo-item').filter({ hasText: step }).waitFor({ state: 'detached' });
    const todo = await apiCall(page, 'GET', '/api/v1/todo');
    const done = todo.body.done.find((i) => i.title === step);
    assert.ok(done, 'the task is done on the server');
    assert.equal(done.account_id, account.id);

    // A task of one's own from the to-do centre, due tomorrow at 09:30:
    // the time opens once the day is picked, and the task lands upcoming.
    const title = `E2E 回访 ${Date.now()}`;
    await page.getByTestId('todo-new-task').click();
    const taskDrawer = page.locator('.ant-drawer-open');
    await taskDrawer.getByTestId('task-title').fill(title);
    assert.ok(await taskDrawer.locator('#due_time').isDisabled(), 'no time before a day');
    const taskDue = taskDrawer.getByTestId('task-due');
    await taskDue.click();
    await taskDue.fill(tomorrow);
    await taskDue.press('Enter');
    await taskDrawer.locator('#due_time').click();
    await taskDrawer.locator('#due_time').fill('09:30');
    await taskDrawer.locator('#due_time').press('Enter');
    await taskDrawer.getByTestId('task-save').click();
    await taskDrawer.waitFor({ state: 'detached' });
    await upcoming.getByTestId('todo-item').filter({ hasText: title }).waitFor();
    const withTask = await apiCall(page, 'GET', '/api/v1/todo');
    const mine = withTask.body.upcoming.find((i) => i.title === title);
    assert.ok(mine?.due_at, 'the task has its due time');
    assert.equal(new Date(mine.due_at).getHours(), 9);
    assert.equal(new Date(mine.due_at).getMinutes(), 30);

    // Back on the account, the activity goes to the recycle bin from its
    // timeline entry (after a confirmation).
    await page.goto(`/accounts/${account.id}?tab=timeline`);
    const logged = page.getByTestId('timeline-activity').filter({ hasText: 'E2E 微信跟进' }).first();
    await logged.getByTestId('timeline-activity-delete').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await logged.waitFor({ state: 'detached' });
    const bin = await apiCall(page, 'GET', `/api/v1/activities/${done.activity_id}`);
    assert.ok(bin.body.deleted_at, 'the activity is in the recycle bin');
    assert.deepEqual(await cspViolations(page), []);
    await page.context().close();
  });
});
