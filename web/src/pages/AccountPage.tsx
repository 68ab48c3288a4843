import { DeleteOutlined, EditOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Breadcrumb, Button, Card, Col, Descriptions, Progress, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, call, ifMatch, type Account, type Contact } from '../api/client';
import { keys, useAccount, useAccountContacts, useFieldDefinitions } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { AccountFormDrawer } from '../components/AccountForm';
import { AccountOpportunities } from '../components/AccountOpportunities';
import { AccountOrders } from '../components/AccountOrders';
import { AccountCompetitorsPanel } from '../components/AccountCompetitorsPanel';
import { ValueCard } from '../components/ValueCard';
import { BuyingCentreGrid } from '../components/BuyingCentreGrid';
import { ContactFormDrawer } from '../components/ContactForm';
import { ErrorState } from '../components/ErrorState';
import { errorText } from '../components/errorText';
import { CustomFieldValue, SafeLink } from '../components/fields';
import { Empty, Hidden } from '../components/Hidden';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { ReleaseAccountButton } from '../components/ReleaseAccountButton';
import { KeyAccountPlans } from '../components/KeyAccountPlans';
import { Timeline } from '../components/Timeline';
import { LinksPanel } from '../components/LinksPanel';
import { OrgChart } from '../components/OrgChart';
import { ReferralsPanel } from '../components/ReferralsPanel';
import { TeamName, UserName } from '../components/UserName';
import { useI18n } from '../i18n/I18nProvider';
import { descriptionColumns } from '../lib/layout';
import { buildBuyingCentre } from '../lib/buyingCentre';
import { formatMoney } from '../lib/money';
import { hotnessColor } from './AccountsPage';
import { functionColor, levelColor } from './ContactsPage';

const tabs = ['overview', 'timeline', 'contacts', 'opportunities', 'orders', 'org', 'buying', 'links', 'referrals', 'competitors', 'history'] as const;
type TabKey = (typeof tabs)[number];

export function AccountPage() {
  const { id = '' } = useParams();
  const q = useAccount(id);
  if (q.isLoading) return <Spin size="large" className="gx-page-spin" />;
  if (q.isError || !q.data) return <ErrorState error={q.error} backTo="/accounts" onRetry={() => q.refetch()} />;
  return <AccountView account={q.data} />;
}

function AccountView({ account: a }: { account: Account }) {
  const { t, label } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const tab: TabKey = (tabs as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabKey) : 'overview';
  const [editing, setEditing] = useState(false);
  const [addingContact, setAddingContact] = useState(false);
  const contacts = useAccountContacts(a.id);
  const { defs } = useFieldDefinitions('account');
  const people = contacts.data?.items ?? [];
  const gaps = useMemo(() => buildBuyingCentre(people).gaps.length, [people]);
  const canWrite = me.permissions.accounts.write !== 'none';
  const canWriteContacts = me.permissions.contacts.write !== 'none';
  const deleted = !!a.deleted_at;

  const remove = () =>
    modal.confirm({
      title: t('common.confirmDelete', { name: a.name }),
      content: t('account.deleteWarn'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/accounts/{id}', { params: { path: { id: a.id }, header: { 'If-Match': ifMatch(a.version) } } }));
          message.success(t('common.deletedOk'));
          qc.invalidateQueries({ queryKey: keys.accounts });
          qc.invalidateQueries({ queryKey: keys.contacts });
          navigate('/accounts');
        } catch (e) {
          message.error(errorText(t, e));
          qc.invalidateQueries({ queryKey: keys.account(a.id) });
        }
      },
    });

  const restore = async () => {
    try {
      const r = await call(api.POST('/api/v1/accounts/{id}/restore', { params: { path: { id: a.id } } }));
      qc.setQueryData(keys.account(a.id), r);
      qc.invalidateQueries({ queryKey: keys.accounts });
      qc.invalidateQueries({ queryKey: keys.contacts });
      qc.invalidateQueries({ queryKey: keys.history('account', a.id) });
      message.success(t('common.restoredOk'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <div className="gx-page">
      <Breadcrumb className="gx-breadcrumb" items={[{ title: <Link to="/accounts">{t('nav.accounts')}</Link> }, { title: a.name }]} />
      <Card className="gx-card gx-record-head">
        <div className="gx-record-head-row">
          <div className="gx-record-head-main">
            <Space align="center" wrap>
              <Typography.Title level={3} className="gx-page-title" data-testid="record-title">
                {a.name}
              </Typography.Title>
              <Tag color={a.kind === 'organization' ? 'blue' : 'cyan'}>{label('kind', a.kind)}</Tag>
              {(a.tags ?? []).map((x) => (
                <Tag key={x}>{x}</Tag>
              ))}
            </Space>
            <Space className="gx-record-meta" size="large" wrap>
              <span>
                {t('field.owner_id')}: <UserName id={a.owner_id} />
              </span>
              {a.industry && (
                <span>
                  {t('field.industry')}: {label('industry', a.industry)}
                </span>
              )}
              {a.region && (
                <span>
                  {t('field.region')}: {a.region}
                </span>
              )}
              <span>
                {t('field.updated_at')}: {dayjs(a.updated_at).format('YYYY-MM-DD HH:mm')}
              </span>
            </Space>
          </div>
          <div className="gx-record-head-side">
            <div className="gx-hotness">
              <Progress type="dashboard" percent={a.hotness} size={72} strokeColor={hotnessColor(a.hotness)} format={(p) => String(p)} />
              <Typography.Text type="secondary">{t('field.hotness')}</Typography.Text>
            </div>
            {canWrite && !deleted && (
              <Space>
                <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-edit">
                  {t('common.edit')}
                </Button>
                <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="record-delete">
                  {t('common.delete')}
                </Button>
                {me.permissions.accounts.write !== 'none' && me.user.role !== 'finance' && <ReleaseAccountButton account={a} />}
              </Space>
            )}
          </div>
        </div>
        {deleted && (
          <Alert
            className="gx-mt"
            type="warning"
            showIcon
            message={t('common.inRecycleBin')}
            action={
              canWrite && (
                <Button icon={<RollbackOutlined />} onClick={restore} data-testid="record-restore">
                  {t('common.restore')}
                </Button>
              )
            }
          />
        )}
      </Card>

      <ValueCard accountId={a.id} />

      <Card className="gx-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(sp);
            if (k === 'overview') next.delete('tab');
            else next.set('tab', k);
            setSp(next, { replace: true });
          }}
          items={[
            { key: 'overview', label: t('account.tab.overview'), children: <AccountDetails account={a} /> },
            {
              key: 'timeline',
              label: <span data-testid="tab-timeline">{t('account.tab.timeline')}</span>,
              children: <AccountActivities account={a} canLog={me.permissions.activities.write !== 'none' && !deleted} />,
            },
            {
              key: 'contacts',
              label: (
                <span>
                  {t('account.tab.contacts')} <Badge count={contacts.data?.total ?? 0} showZero color="#8c8c8c" size="small" />
                </span>
              ),
              children: (
                <ContactsTable
                  contacts={people}
                  loading={contacts.isLoading}
                  action={
                    canWriteContacts &&
                    !deleted && (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAddingContact(true)} data-testid="account-add-contact">
                        {t('list.newContact')}
                      </Button>
                    )
                  }
                />
              ),
            },
            {
              key: 'opportunities',
              label: <span data-testid="tab-opportunities">{t('account.tab.opportunities')}</span>,
              children: <AccountOpportunities account={a} canWrite={me.permissions.opportunities.write !== 'none' && !deleted} />,
            },
            {
              key: 'orders',
              label: <span data-testid="tab-orders">{t('account.tab.orders')}</span>,
              children: <AccountOrders account={a} canWrite={me.permissions.orders.write !== 'none' && !deleted} />,
            },
            { key: 'org', label: t('account.tab.orgChart'), children: contacts.isLoading ? <Spin /> : <OrgChart contacts={people} /> },
            {
              key: 'buying',
              label: (
                <span data-testid="tab-buying">
                  {t('account.tab.buyingCentre')} {gaps > 0 && !contacts.isLoading && <Badge count={gaps} size="small" title={t('bc.gaps', { n: gaps })} />}
                </span>
              ),
              children: contacts.isLoading ? <Spin /> : <BuyingCentreGrid contacts={people} />,
            },
            { key: 'links', label: t('account.tab.links'), children: <LinksPanel account={a} canWrite={canWrite && !deleted} /> },
            { key: 'competitors', label: <span data-testid="tab-competitors">{t('account.tab.competitors')}</span>, children: <AccountCompetitorsPanel accountId={a.id} canWrite={canWrite && !deleted && me.user.role !== 'finance'} /> },
            { key: 'referrals', label: <span data-testid="tab-referrals">{t('account.tab.referrals')}</span>, children: <ReferralsPanel account={a} canWrite={canWrite && !deleted} /> },
            { key: 'history', label: t('account.tab.history'), children: <HistoryTimeline entity="account" id={a.id} defs={defs} /> },
          ]}
        />
      </Card>

      <AccountFormDrawer open={editing} account={a} onClose={() => setEditing(false)} />
      <ContactFormDrawer
        open={addingContact}
        account={{ id: a.id, name: a.name }}
        onClose={() => setAddingContact(false)}
        onSaved={() => qc.invalidateQueries({ queryKey: keys.accountContacts(a.id) })}
      />
    </div>
  );
}

/** Every field of the account; fields hidden by a rule show as locked. */
function AccountDetails({ account: a }: { account: Account }) {
  const { t, label, locale } = useI18n();
  const { defs } = useFieldDefinitions('account');
  const v = (field: string, node: ReactNode, empty: boolean): ReactNode => (a.redacted?.includes(field) ? <Hidden /> : empty ? <Empty /> : node);

  return (
    <div className="gx-details" data-testid="account-details">
      <Descriptions title={t('account.section.basic')} bordered size="small" column={descriptionColumns}>
        <Descriptions.Item label={t('field.name')}>{a.name}</Descriptions.Item>
        <Descriptions.Item label={t('field.kind')}>{label('kind', a.kind)}</Descriptions.Item>
        {a.kind === 'organization' && <Descriptions.Item label={t('field.credit_code')}>{v('credit_code', <span className="gx-mono">{a.credit_code}</span>, !a.credit_code)}</Descriptions.Item>}
        <Descriptions.Item label={t('field.industry')}>{v('industry', label('industry', a.industry), !a.industry)}</Descriptions.Item>
        <Descriptions.Item label={t('field.size')}>{v('size', label('size', a.size), !a.size)}</Descriptions.Item>
        <Descriptions.Item label={t('field.source')}>{v('source', label('source', a.source), !a.source)}</Descriptions.Item>
        <Descriptions.Item label={t('field.tags')}>{v('tags', (a.tags ?? []).map((x) => <Tag key={x}>{x}</Tag>), !a.tags?.length)}</Descriptions.Item>
      </Descriptions>
      <Descriptions title={t('account.section.channels')} bordered size="small" column={descriptionColumns}>
        <Descriptions.Item label={t('field.phone')}>{v('phone', a.phone, !a.phone)}</Descriptions.Item>
        <Descriptions.Item label={t('field.email')}>{v('email', <a href={`mailto:${a.email}`}>{a.email}</a>, !a.email)}</Descriptions.Item>
        <Descriptions.Item label={t('field.website')}>{v('website', <SafeLink href={a.website} />, !a.website)}</Descriptions.Item>
        <Descriptions.Item label={t('field.region')}>{v('region', a.region, !a.region)}</Descriptions.Item>
        <Descriptions.Item label={t('field.address')} span="filled">
          {v('address', a.address, !a.address)}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions title={t('account.section.ownership')} bordered size="small" column={descriptionColumns}>
        <Descriptions.Item label={t('field.owner_id')}>
          <UserName id={a.owner_id} />
        </Descriptions.Item>
        <Descriptions.Item label={t('field.team_id')}>
          <TeamName id={a.team_id} />
        </Descriptions.Item>
        <Descriptions.Item label={t('field.created_at')}>
          {dayjs(a.created_at).format('YYYY-MM-DD HH:mm')} · <UserName id={a.created_by} />
        </Descriptions.Item>
        <Descriptions.Item label={t('field.updated_at')}>
          {dayjs(a.updated_at).format('YYYY-MM-DD HH:mm')} · <UserName id={a.updated_by} />
        </Descriptions.Item>
      </Descriptions>
      <Descriptions title={t('account.section.finance')} bordered size="small" column={descriptionColumns}>
        <Descriptions.Item label={t('field.credit_rating')}>
          <span data-testid="field-credit_rating">{v('credit_rating', a.credit_rating ? label('credit_rating', a.credit_rating) : '', !a.credit_rating)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.credit_limit')}>
          <span data-testid="field-credit_limit">{v('credit_limit', a.credit_limit ? formatMoney(a.credit_limit.amount, a.credit_limit.currency, locale) : '', !a.credit_limit)}</span>
        </Descriptions.Item>
      </Descriptions>
      {defs.length > 0 && (
        <Descriptions title={t('account.section.custom')} bordered size="small" column={descriptionColumns}>
          {defs.map((d) => (
            <Descriptions.Item key={d.id} label={d.label}>
              {v(`custom.${d.key}`, <CustomFieldValue def={d} value={a.custom?.[d.key]} />, false)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Descriptions title={t('account.section.background')} bordered size="small" column={1}>
        <Descriptions.Item label={t('field.description')}>{v('description', <div className="gx-prewrap">{a.description}</div>, !a.description)}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}

function ContactsTable({ contacts, loading, action }: { contacts: Contact[]; loading: boolean; action: ReactNode }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const byId = useMemo(() => new Map(contacts.map((c) => [c.id, c])), [contacts]);
  return (
    <div>
      <div className="gx-toolbar">
        <Typography.Text type="secondary">{t('account.contactsCount', { n: contacts.length })}</Typography.Text>
        {action}
      </div>
      <Table<Contact>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={contacts}
        pagination={contacts.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        rowClassName="gx-clickable"
        onRow={(c) => ({ onClick: () => navigate(`/contacts/${c.id}`) })}
        scroll={{ x: 'max-content' }}
        data-testid="account-contacts"
        columns={[
          {
            key: 'name',
            title: t('field.contact_name'),
            render: (_, c) => (
              <Link to={`/contacts/${c.id}`} onClick={(e) => e.stopPropagation()} className="gx-strong-link">
                {c.name}
              </Link>
            ),
          },
          { key: 'title', title: t('field.title'), dataIndex: 'title' },
          { key: 'department', title: t('field.department'), dataIndex: 'department' },
          { key: 'level', title: t('field.level'), render: (_, c) => <Tag color={levelColor[c.level]}>{label('level', c.level)}</Tag> },
          { key: 'function', title: t('field.function'), render: (_, c) => <Tag color={functionColor[c.function]}>{label('function', c.function)}</Tag> },
          { key: 'reports_to', title: t('field.reports_to_id'), render: (_, c) => (c.reports_to_id ? byId.get(c.reports_to_id)?.name ?? '—' : '—') },
          { key: 'mobile', title: t('field.mobile'), dataIndex: 'mobile' },
          { key: 'email', title: t('field.email'), dataIndex: 'email' },
          { key: 'owner', title: t('field.owner_id'), render: (_, c) => <UserName id={c.owner_id} /> },
        ]}
      />
    </div>
  );
}

/** The account's timeline beside its key-account plans. */
function AccountActivities({ account: a, canLog }: { account: { id: string; name: string }; canLog: boolean }) {
  return (
    <Row gutter={24}>
      <Col xs={24} xl={15}>
        <Timeline subject="account" id={a.id} account={{ id: a.id, name: a.name }} canLog={canLog} />
      </Col>
      <Col xs={24} xl={9}>
        <KeyAccountPlans account={{ id: a.id, name: a.name }} canWrite={canLog} />
      </Col>
    </Row>
  );
}
