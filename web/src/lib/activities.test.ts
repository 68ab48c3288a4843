import { describe, expect, it } from 'vitest';
import { activityCreateBody, activityUpdateBody, activityValuesFrom, type Activity, bellCount, dueValue, newActivityValues, othersCount, taskCreateBody, timelineKey, todoLink, todoOpportunityLink, type Todo, type TodoItem } from './activities';

const item = (over: Partial<TodoItem>): TodoItem => ({
  kind: 'task',
  id: 'x',
  title: 't',
  done: false,
  mine: true,
  owner_id: 'u',
  owner_name: 'U',
  version: 1,
  ...over,
});

const todo = (over: Partial<Todo>): Todo => ({ today: '2026-11-24', overdue: [], due_today: [], upcoming: [], done: [], reminders_due: 0, ...over });

describe('dueValue', () => {
  it('sends the day alone without a time', () => {
    expect(dueValue('2026-11-25')).toBe('2026-11-25');
    expect(dueValue(undefined, '09:00')).toBe('');
  });
  it('adds the local offset to a time', () => {
    expect(dueValue('2026-11-25', '09:30', 480)).toBe('2026-11-25T09:30:00+08:00');
    expect(dueValue('2026-11-25', '09:30', -330)).toBe('2026-11-25T09:30:00-05:30');
    expect(dueValue('2026-11-25', '09:30', 0)).toBe('2026-11-25T09:30:00+00:00');
  });
});

describe('activityCreateBody', () => {
  it('trims texts and leaves out empty ones', () => {
    const v = { ...newActivityValues('acc', { contactId: 'c1' }), subject: '  微信跟进 ', notes: '  ', next_step: ' 报价 ', next_step_due: '2026-11-25' };
    expect(activityCreateBody(v)).toEqual({
      account_id: 'acc',
      channel: 'wechat',
      direction: 'outbound',
      subject: '微信跟进',
      contact_ids: ['c1'],
      next_step: '报价',
      next_step_due: '2026-11-25',
    });
  });
  it('carries the opportunity and a timed due', () => {
    const v = { ...newActivityValues('acc', { opportunityId: 'o1' }), subject: 's', next_step: 'n', next_step_due: '2026-11-25', next_step_time: '14:00' };
    const body = activityCreateBody(v, 60);
    expect(body.opportunity_id).toBe('o1');
    expect(body.next_step_due).toBe('2026-11-25T14:00:00+01:00');
    expect(body.contact_ids).toBeUndefined();
  });
});

describe('taskCreateBody', () => {
  it('sends only what is set', () => {
    expect(taskCreateBody({ title: ' Call ', due_day: '2026-12-01' })).toEqual({ title: 'Call', due: '2026-12-01' });
    expect(taskCreateBody({ title: 'x', account_id: 'a', remind_at: '2026-12-01T01:00:00Z', notes: ' n ' })).toEqual({
      title: 'x',
      account_id: 'a',
      remind_at: '2026-12-01T01:00:00Z',
      notes: 'n',
    });
  });
});

describe('bellCount', () => {
  it('counts reminders due and own overdue items once', () => {
    expect(bellCount(undefined)).toBe(0);
    const t = todo({
      reminders_due: 2,
      overdue: [
        item({ id: 'a', remind_at: '2026-01-01T00:00:00Z' }),
        item({ id: 'b' }),
        item({ id: 'c', mine: false }),
        item({ id: 'd', kind: 'plan' }),
        item({ id: 'e', remind_at: '2027-01-01T00:00:00Z' }),
      ],
    });
    // a is already among the reminders; b, d and e (reminder still ahead)
    // are own overdue; c is a team member's.
    expect(bellCount(t, Date.parse('2026-11-24T00:00:00Z'))).toBe(5);
    expect(othersCount(t)).toBe(1);
  });
});

describe('timelineKey', () => {
  it('is unique per source', () => {
    const at = '2026-11-24T00:00:00Z';
    expect(timelineKey({ kind: 'activity', at, activity: { id: '1' } as never })).toBe('a-1');
    expect(timelineKey({ kind: 'task', at, task: { id: '1' } as never })).toBe('t-1');
    expect(timelineKey({ kind: 'stage_change', at, stage_change: { opportunity_id: 'o' } as never })).toBe(`s-o-${at}`);
  });
});

describe('todoLink', () => {
  const base = { kind: 'task', id: 't1', title: 'Call', done: false, owner_id: 'u', owner_name: 'U', mine: true, version: 1 } as TodoItem;
  it('opens the timeline of the account and of the opportunity', () => {
    const it1 = { ...base, account_id: 'a1', opportunity_id: 'o1' };
    expect(todoLink(it1)).toBe('/accounts/a1?tab=timeline');
    expect(todoOpportunityLink(it1)).toBe('/opportunities/o1?tab=timeline');
  });
  it('has no link without an account or opportunity', () => {
    expect(todoLink(base)).toBeUndefined();
    expect(todoOpportunityLink(base)).toBeUndefined();
  });
});

describe('activity edit', () => {
  const stored = {
    id: 'a1', account_id: 'acc', account_name: 'Acme', opportunity_id: 'o1', channel: 'wechat', direction: 'outbound',
    contact_ids: ['c1'], subject: 'Quote', notes: 'Sent it', outcome: '', next_step: 'Call back', next_step_due: '2026-12-01',
    occurred_at: '2026-11-20T08:00:00Z', owner_id: 'u1', version: 3,
  } as unknown as Activity;
  const fmt = (iso: string, pattern: string) => (pattern === 'HH:mm' ? iso.slice(11, 16) : iso.slice(0, 10));
  it('fills the form from a stored activity, the due time when there is one', () => {
    const v = activityValuesFrom(stored, fmt);
    expect(v).toMatchObject({ channel: 'wechat', subject: 'Quote', contact_ids: ['c1'], next_step_due: '2026-12-01' });
    expect(v.next_step_time).toBeUndefined();
    const timed = activityValuesFrom({ ...stored, next_step_due_at: '2026-12-01T09:30:00Z' } as Activity, fmt);
    expect(timed.next_step_due).toBe('2026-12-01');
    expect(timed.next_step_time).toBe('09:30');
  });
  it('sends every field back, clearing what the user emptied', () => {
    const v = { ...activityValuesFrom(stored, fmt), notes: '  ', next_step_due: undefined, contact_ids: [] };
    const body = activityUpdateBody(v, 0);
    expect(body).toMatchObject({ notes: '', next_step_due: '', contact_ids: [], subject: 'Quote', next_step: 'Call back' });
    expect(body).not.toHaveProperty('account_id');
    expect(activityUpdateBody({ ...v, next_step_due: '2026-12-02', next_step_time: '09:00' }, 480).next_step_due).toBe('2026-12-02T09:00:00+08:00');
  });
});
