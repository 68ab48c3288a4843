// Activities, tasks and the to-do centre in the UI: form values to
// request bodies, due values, and the counts the header shows. Pure, so
// they are unit-tested.

import type { Schemas } from '../api/client';
import type { NamePath } from '../api/errors';

export type ActivityFields = Schemas['ActivityFields'];
export type Activity = Schemas['Activity'];
export type ActivityUpdate = Schemas['ActivityUpdate'];
export type TaskFields = Schemas['TaskFields'];
export type Todo = Schemas['Todo'];
export type TodoItem = Schemas['TodoItem'];
export type TimelineItem = Schemas['TimelineItem'];

export const channels = ['phone', 'sms', 'email', 'wechat', 'visit', 'meeting', 'call_centre', 'web', 'forum'] as const;
export type Channel = (typeof channels)[number];

export interface ActivityFormValues {
  account_id: string;
  opportunity_id?: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  contact_ids?: string[];
  subject: string;
  notes?: string;
  outcome?: string;
  next_step?: string;
  /** YYYY-MM-DD as picked. */
  next_step_due?: string;
  /** HH:mm, optional. */
  next_step_time?: string;
  /** ISO time; blank for now. */
  occurred_at?: string;
}

export function newActivityValues(accountId: string, opts: { opportunityId?: string; contactId?: string } = {}): ActivityFormValues {
  return {
    account_id: accountId,
    opportunity_id: opts.opportunityId,
    channel: 'wechat',
    direction: 'outbound',
    contact_ids: opts.contactId ? [opts.contactId] : [],
    subject: '',
  };
}

/**
 * The due value the API takes: the day alone (YYYY-MM-DD), or with a time
 * the instant in RFC 3339 with the browser's offset, so "9:00" means nine
 * o'clock where the user is. Empty when no day is set.
 */
export function dueValue(day?: string, time?: string, offsetMinutes?: number): string {
  if (!day) return '';
  if (!time) return day;
  const off = offsetMinutes ?? -new Date(`${day}T${time}:00`).getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${day}T${time}:00${sign}${hh}:${mm}`;
}

/** Trims the texts and leaves out what is empty. */
export function activityCreateBody(v: ActivityFormValues, offsetMinutes?: number): ActivityFields {
  const body: ActivityFields = {
    account_id: v.account_id,
    channel: v.channel,
    direction: v.direction,
    subject: v.subject.trim(),
  };
  if (v.opportunity_id) body.opportunity_id = v.opportunity_id;
  if (v.contact_ids?.length) body.contact_ids = v.contact_ids;
  for (const k of ['notes', 'outcome', 'next_step'] as const) {
    const s = v[k]?.trim();
    if (s) body[k] = s;
  }
  const due = dueValue(v.next_step_due, v.next_step_time, offsetMinutes);
  if (due) body.next_step_due = due;
  if (v.occurred_at) body.occurred_at = v.occurred_at;
  return body;
}

/**
 * The form's values for editing a stored activity. A next step due at a
 * time shows that time where the user is; a due day alone stays the day.
 */
export function activityValuesFrom(a: Activity, format: (iso: string, pattern: string) => string): ActivityFormValues {
  const v: ActivityFormValues = {
    account_id: a.account_id,
    opportunity_id: a.opportunity_id,
    channel: a.channel as Channel,
    direction: a.direction,
    contact_ids: a.contact_ids ?? [],
    subject: a.subject,
    notes: a.notes,
    outcome: a.outcome,
    next_step: a.next_step,
    occurred_at: a.occurred_at,
  };
  if (a.next_step_due_at) {
    v.next_step_due = format(a.next_step_due_at, 'YYYY-MM-DD');
    v.next_step_time = format(a.next_step_due_at, 'HH:mm');
  } else if (a.next_step_due) {
    v.next_step_due = a.next_step_due;
  }
  return v;
}

/**
 * The PATCH body for an edited activity: every field the form shows, so
 * that a cleared text or due day is cleared on the server too ("" clears).
 * The account and opportunity stay as they are.
 */
export function activityUpdateBody(v: ActivityFormValues, offsetMinutes?: number): ActivityUpdate {
  const body: ActivityUpdate = {
    channel: v.channel,
    direction: v.direction,
    contact_ids: v.contact_ids ?? [],
    subject: v.subject.trim(),
    notes: v.notes?.trim() ?? '',
    outcome: v.outcome?.trim() ?? '',
    next_step: v.next_step?.trim() ?? '',
    next_step_due: dueValue(v.next_step_due, v.next_step_time, offsetMinutes),
  };
  if (v.occurred_at) body.occurred_at = v.occurred_at;
  return body;
}

export interface TaskFormValues {
  title: string;
  notes?: string;
  due_day?: string;
  due_time?: string;
  /** ISO time of the reminder. */
  remind_at?: string;
  account_id?: string;
}

export function taskCreateBody(v: TaskFormValues, offsetMinutes?: number): TaskFields {
  const body: TaskFields = { title: v.title.trim() };
  if (v.notes?.trim()) body.notes = v.notes.trim();
  const due = dueValue(v.due_day, v.due_time, offsetMinutes);
  if (due) body.due = due;
  if (v.remind_at) body.remind_at = v.remind_at;
  if (v.account_id) body.account_id = v.account_id;
  return body;
}

/** The number on the header's bell: reminders due plus your own overdue items. */
export function bellCount(todo: Todo | undefined, now = Date.now()): number {
  if (!todo) return 0;
  const reminded = (i: TodoItem) => i.kind === 'task' && !!i.remind_at && Date.parse(i.remind_at) <= now;
  const overdue = (todo.overdue ?? []).filter((i) => i.mine && !reminded(i)).length;
  return todo.reminders_due + overdue;
}

/** The to-do groups in the order the page shows them. */
export const todoGroups = ['overdue', 'due_today', 'upcoming', 'done'] as const;
export type TodoGroup = (typeof todoGroups)[number];

/** Whose items a group holds, for the "team" marker: others' items are only ever overdue. */
export function othersCount(todo: Todo | undefined): number {
  return (todo?.overdue ?? []).filter((i) => !i.mine).length;
}

/** Where an item leads: its account, else nothing. */
export function todoLink(item: TodoItem): string | undefined {
  return item.account_id ? `/accounts/${item.account_id}?tab=timeline` : undefined;
}

/** Where a to-do item's opportunity is followed up, if it has one. */
export function todoOpportunityLink(item: TodoItem): string | undefined {
  return item.opportunity_id ? `/opportunities/${item.opportunity_id}?tab=timeline` : undefined;
}

/** A stable key for a timeline entry. */
export function timelineKey(item: TimelineItem): string {
  switch (item.kind) {
    case 'activity':
      return `a-${item.activity?.id}`;
    case 'task':
      return `t-${item.task?.id}`;
    case 'plan':
      return `p-${item.plan?.id}`;
    default:
      return `s-${item.stage_change?.opportunity_id}-${item.at}`;
  }
}

const activityFormFields = new Set(['channel', 'direction', 'contact_ids', 'subject', 'notes', 'outcome', 'next_step', 'next_step_due', 'occurred_at', 'opportunity_id']);

/** Where the server's field errors of an activity go in the form. */
export function activityFieldPath(apiField: string): NamePath | undefined {
  return activityFormFields.has(apiField) ? [apiField] : undefined;
}

const taskFormFields: Record<string, string> = { title: 'title', notes: 'notes', due: 'due_day', remind_at: 'remind_at', account_id: 'account_id' };

/** Where the server's field errors of a task go in the form. */
export function taskFieldPath(apiField: string): NamePath | undefined {
  return taskFormFields[apiField] ? [taskFormFields[apiField]] : undefined;
}
