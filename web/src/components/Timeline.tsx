import {
  CarOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  CustomerServiceOutlined,
  FlagOutlined,
  FunnelPlotOutlined,
  GlobalOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlusOutlined,
  TeamOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Popconfirm, Space, Spin, Tag, Timeline as AntTimeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { activityKeys, useTimeline, type TimelineSubject } from '../api/activityQueries';
import { api, call, ifMatch } from '../api/client';
import { keys, useAccountContacts, usePipelineStages } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { timelineKey, type Activity, type TimelineItem } from '../lib/activities';
import { ActivityFormDrawer } from './ActivityFormDrawer';
import { errorText } from './errorText';
import { useStageLabel } from './OpportunityFormDrawer';
import { UserName } from './UserName';

const channelIcons: Record<string, ReactNode> = {
  phone: <PhoneOutlined />,
  sms: <MessageOutlined />,
  email: <MailOutlined />,
  wechat: <WechatOutlined />,
  visit: <CarOutlined />,
  meeting: <TeamOutlined />,
  call_centre: <CustomerServiceOutlined />,
  web: <GlobalOutlined />,
  forum: <CommentOutlined />,
};

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/**
 * One chronological timeline of a record (account, contact or
 * opportunity): its activities, tasks, key-account plans and stage moves,
 * newest first, with a "log activity" drawer for those who may.
 */
export function Timeline({
  subject,
  id,
  account,
  canLog,
  opportunityId,
  contactId,
}: {
  subject: TimelineSubject;
  id: string;
  account: { id: string; name: string };
  canLog: boolean;
  opportunityId?: string;
  contactId?: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const q = useTimeline(subject, id);
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<Activity | null>(null);
  const contacts = useAccountContacts(account.id);
  const contactName = useMemo(() => new Map((contacts.data?.items ?? []).map((c) => [c.id, c.name])), [contacts.data]);
  usePipelineStages();
  const stageLabel = useStageLabel();
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);

  // Changes from the timeline: an activity to the recycle bin, a task of
  // yours done. Both name the version they were shown (If-Match).
  const change = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      message.success(ok);
    } catch (e) {
      message.error(errorText(t, e));
    }
    qc.invalidateQueries({ queryKey: activityKeys.all });
    qc.invalidateQueries({ queryKey: keys.account(account.id) });
  };
  const removeActivity = (a: NonNullable<TimelineItem['activity']>) =>
    change(call(api.DELETE('/api/v1/activities/{id}', { params: { path: { id: a.id }, header: { 'If-Match': ifMatch(a.version) } } })), t('common.deletedOk'));
  const finishTask = (k: NonNullable<TimelineItem['task']>) =>
    change(
      call(api.PATCH('/api/v1/tasks/{id}', { params: { path: { id: k.id }, header: { 'If-Match': ifMatch(k.version) } }, body: { done: true } })),
      t('common.savedOk'),
    );

  const render = (it: TimelineItem): { color: string; dot: ReactNode; children: ReactNode } => {
    if (it.kind === 'activity' && it.activity) {
      const a = it.activity;
      return {
        color: 'blue',
        dot: channelIcons[a.channel],
        children: (
          <div className="gx-timeline-item" data-testid="timeline-activity">
            <Space wrap size={[8, 0]}>
              <Tag color="blue">{t(`channel.${a.channel}`)}</Tag>
              <Typography.Text type="secondary">{t(`direction.${a.direction}`)}</Typography.Text>
              <Typography.Text strong>{a.subject}</Typography.Text>
              <Typography.Text type="secondary" className="gx-timeline-time">
                {when(a.occurred_at)} · <UserName id={a.owner_id} />
              </Typography.Text>
              {canLog && (
                <Button type="link" size="small" onClick={() => setEditing(a)} data-testid="timeline-activity-edit">
                  {t('common.edit')}
                </Button>
              )}
              {canLog && (
                <Popconfirm
                  title={t('common.confirmDelete', { name: a.subject })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => removeActivity(a)}
                >
                  <Button type="link" size="small" danger data-testid="timeline-activity-delete">
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
            {(a.contact_ids ?? []).length > 0 && (
              <div>
                {(a.contact_ids ?? []).map((c) => (
                  <Tag key={c} className="gx-tag-sm">
                    {contactName.get(c) ?? '…'}
                  </Tag>
                ))}
              </div>
            )}
            {a.notes && <div className="gx-timeline-notes">{a.notes}</div>}
            {a.outcome && <div className="gx-timeline-notes">{t('timeline.outcome', { text: a.outcome })}</div>}
            {a.next_step && (
              <div>
                <Typography.Text>{t('timeline.nextStep', { step: a.next_step })}</Typography.Text>{' '}
                {a.next_step_due && <Tag color="gold">{t('timeline.due', { day: a.next_step_due_at ? when(a.next_step_due_at) : a.next_step_due })}</Tag>}
              </div>
            )}
          </div>
        ),
      };
    }
    if (it.kind === 'task' && it.task) {
      const k = it.task;
      return {
        color: k.done ? 'green' : 'gray',
        dot: <CheckSquareOutlined />,
        children: (
          <div className="gx-timeline-item" data-testid="timeline-task">
            <Space wrap size={[8, 0]}>
              <Tag>{t('timeline.task')}</Tag>
              <Typography.Text strong delete={k.done}>
                {k.title}
              </Typography.Text>
              {k.due_date && <Tag color={k.done ? 'default' : 'gold'}>{t('timeline.due', { day: k.due_at ? when(k.due_at) : k.due_date })}</Tag>}
              {k.done && <Tag color="green">{t('task.done')}</Tag>}
              <Typography.Text type="secondary">
                <UserName id={k.assignee_id} /> · {when(it.at)}
              </Typography.Text>
              {!k.done && k.assignee_id === me.user.id && (
                <Button type="link" size="small" onClick={() => finishTask(k)} data-testid="timeline-task-done">
                  {t('todo.markDone')}
                </Button>
              )}
            </Space>
          </div>
        ),
      };
    }
    if (it.kind === 'plan' && it.plan) {
      const p = it.plan;
      return {
        color: p.overdue ? 'red' : p.status === 'done' ? 'green' : 'purple',
        dot: <FlagOutlined />,
        children: (
          <div className="gx-timeline-item" data-testid="timeline-plan">
            <Space wrap size={[8, 0]}>
              <Tag color="purple">{t(`plan.kind.${p.kind}`)}</Tag>
              <Typography.Text strong>{p.title}</Typography.Text>
              <Tag>{t(`plan.status.${p.status}`)}</Tag>
              {p.overdue && <Tag color="red">{t('plan.overdue')}</Tag>}
              <Typography.Text type="secondary">{p.due_date}</Typography.Text>
            </Space>
          </div>
        ),
      };
    }
    const c = it.stage_change;
    return {
      color: 'cyan',
      dot: <FunnelPlotOutlined />,
      children: (
        <div className="gx-timeline-item" data-testid="timeline-stage">
          <Typography.Text>
            {c?.from_stage
              ? t('timeline.stageChange', { from: stageLabel({ key: c.from_stage }), to: stageLabel({ key: c?.to_stage ?? '' }) })
              : t('timeline.stageCreated', { to: stageLabel({ key: c?.to_stage ?? '' }) })}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">
            {when(it.at)} · <UserName id={c?.by} />
          </Typography.Text>
        </div>
      ),
    };
  };

  return (
    <div data-testid="timeline">
      {canLog && (
        <div className="gx-timeline-actions">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)} data-testid="timeline-log">
            {t('activity.log')}
          </Button>
        </div>
      )}
      {q.isLoading ? (
        <Spin />
      ) : q.isError ? (
        <Alert type="error" showIcon message={errorText(t, q.error)} />
      ) : items.length === 0 ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <AntTimeline items={items.map((it) => ({ key: timelineKey(it), ...render(it) }))} />
      )}
      {q.hasNextPage && (
        <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('timeline.loadMore')}
        </Button>
      )}
      <ActivityFormDrawer open={logging} account={account} opportunityId={opportunityId} contactId={contactId} onClose={() => setLogging(false)} />
      <ActivityFormDrawer open={editing !== null} account={account} activity={editing ?? undefined} onClose={() => setEditing(null)} />
    </div>
  );
}
