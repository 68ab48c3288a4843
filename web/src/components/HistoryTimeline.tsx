import { DeleteOutlined, LinkOutlined, PlusCircleOutlined, RollbackOutlined, EditOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin, Timeline, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Change, FieldDefinition } from '../api/client';
import { useContact, useHistory, useTeams, useUsers, type HistoryEntity } from '../api/queries';
import { poolReason } from '../lib/pool';
import { useI18n } from '../i18n/I18nProvider';
import { enumPrefixes, type EnumName } from '../i18n/enums';
import { Hidden } from './Hidden';
import { errorText } from './errorText';
import { useFieldLabel } from './useApiFormErrors';

/** Changes made together (one save) by one person. */
interface Group {
  key: string;
  at: string;
  actor: string;
  changes: Change[];
}

function group(changes: Change[]): Group[] {
  const out: Group[] = [];
  for (const c of changes) {
    const last = out[out.length - 1];
    const event = c.field.startsWith('@');
    if (last && !event && !last.changes[0].field.startsWith('@') && last.at === c.at && last.actor === c.actor_id) last.changes.push(c);
    else out.push({ key: c.id, at: c.at, actor: c.actor_id, changes: [c] });
  }
  return out;
}

const enumFields: Record<string, EnumName> = {
  kind: 'kind',
  industry: 'industry',
  size: 'size',
  source: 'source',
  credit_rating: 'credit_rating',
  level: 'level',
  function: 'function',
};

/** A record's change history, newest first, as a timeline. */
export function HistoryTimeline({ entity, id, defs }: { entity: HistoryEntity; id: string; defs?: FieldDefinition[] }) {
  const { t, label } = useI18n();
  const q = useHistory(entity, id);
  const users = useUsers();
  const teams = useTeams();
  const fieldLabel = useFieldLabel(defs);
  const changes = useMemo(() => q.data?.pages.flatMap((p) => p.items ?? []) ?? [], [q.data]);

  if (q.isLoading) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorText(t, q.error)} />;
  if (changes.length === 0) return <Empty description={t('history.empty')} />;

  const value = (field: string, v: string): ReactNode => {
    if (v === '') return <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>;
    if (enumFields[field] && (enumPrefixes[enumFields[field]].values as readonly string[]).includes(v)) return label(enumFields[field], v);
    if (field === 'owner_id' || field === 'updated_by') return users.byId.get(v)?.name ?? v;
    if (field === 'team_id') return teams.byId.get(v)?.name ?? v;
    if (field === 'reports_to_id') return <ContactName id={v} />;
    if (field.startsWith('consent.')) return v === 'true' ? t('consent.granted') : t('consent.denied');
    if (v === 'true' || v === 'false') return v === 'true' ? t('custom.true') : t('custom.false');
    return v;
  };

  const linkText = (s: string) => {
    const i = s.indexOf(': ');
    if (i < 0) return s;
    const kind = s.slice(0, i);
    return `${label('link', kind)}: ${s.slice(i + 2)}`;
  };

  const describe = (c: Change): { icon: ReactNode; color: string; text: ReactNode } => {
    switch (c.field) {
      case '@created':
        return { icon: <PlusCircleOutlined />, color: 'green', text: t('history.created') };
      case '@deleted':
        return { icon: <DeleteOutlined />, color: 'red', text: t('history.deleted') };
      case '@restored':
        return { icon: <RollbackOutlined />, color: 'blue', text: t('history.restored') };
      case '@pooled': {
        const r = poolReason(c.new);
        const why = r.reason === 'no_follow_up' ? t('history.pooledNoFollowUp', { days: r.days ?? 0 }) : r.reason === 'released' ? t('history.pooledReleased') : c.new;
        return {
          icon: <InboxOutlined />,
          color: 'orange',
          text: (
            <>
              {t('history.pooled', { owner: users.byId.get(c.old)?.name ?? c.old })} <Typography.Text type="secondary">({why})</Typography.Text>
            </>
          ),
        };
      }
      case '@claimed':
        return { icon: <InboxOutlined />, color: 'green', text: t('history.claimed', { owner: users.byId.get(c.new)?.name ?? c.new }) };
      case '@link':
        return {
          icon: <LinkOutlined />,
          color: 'purple',
          text: (
            <>
              {c.new ? t('history.linkAdded') : t('history.linkRemoved')}: <Typography.Text strong>{linkText(c.new || c.old)}</Typography.Text>
            </>
          ),
        };
    }
    return { icon: <EditOutlined />, color: 'gray', text: null };
  };

  return (
    <div data-testid="history">
      <Timeline
        items={group(changes).map((g) => {
          const first = g.changes[0];
          const d = describe(first);
          const actor = first.actor_name || users.byId.get(first.actor_id)?.name || t('history.system');
          return {
            key: g.key,
            color: d.color,
            dot: d.icon,
            children: (
              <div className="gx-history-item">
                <div>
                  <Typography.Text strong>{actor}</Typography.Text> {d.text ?? null}
                  <Tooltip title={dayjs(g.at).format('YYYY-MM-DD HH:mm:ss')}>
                    <Typography.Text type="secondary" className="gx-history-time">
                      {dayjs(g.at).format('YYYY-MM-DD HH:mm')}
                    </Typography.Text>
                  </Tooltip>
                </div>
                {d.text === null && (
                  <ul className="gx-history-changes">
                    {g.changes.map((c) => (
                      <li key={c.id}>
                        <span className="gx-history-field">{fieldLabel(c.field)}</span>
                        {c.redacted ? (
                          <Hidden />
                        ) : (
                          <>
                            <span className="gx-history-old">{value(c.field, c.old)}</span>
                            <span className="gx-history-arrow">→</span>
                            <span className="gx-history-new">{value(c.field, c.new)}</span>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ),
          };
        })}
      />
      {q.hasNextPage && (
        <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('history.loadMore')}
        </Button>
      )}
    </div>
  );
}

/** A contact's name, linked; the id when it cannot be read. */
function ContactName({ id }: { id: string }) {
  const q = useContact(id);
  if (q.data) return <Link to={`/contacts/${id}`}>{q.data.name}</Link>;
  return <>{q.isLoading ? '…' : id}</>;
}
