import { CheckCircleFilled, CloseCircleOutlined, DeleteOutlined, EditOutlined, LockOutlined, RollbackOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, List, Row, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, call, ifMatch, type Contact } from '../api/client';
import { keys, useContact, useContactList, useFieldDefinitions } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { ContactFormDrawer } from '../components/ContactForm';
import { ErrorState } from '../components/ErrorState';
import { errorText } from '../components/errorText';
import { CustomFieldValue } from '../components/fields';
import { Empty, Hidden } from '../components/Hidden';
import { HistoryTimeline } from '../components/HistoryTimeline';
import { Timeline } from '../components/Timeline';
import { TeamName, UserName } from '../components/UserName';
import { useI18n } from '../i18n/I18nProvider';
import { descriptionColumns } from '../lib/layout';
import { consentChannels, profileFields } from '../i18n/enums';
import { functionColor, levelColor } from './ContactsPage';

export function ContactPage() {
  const { id = '' } = useParams();
  const q = useContact(id);
  if (q.isLoading) return <Spin size="large" className="gx-page-spin" />;
  if (q.isError || !q.data) return <ErrorState error={q.error} backTo="/contacts" onRetry={() => q.refetch()} />;
  return <ContactView contact={q.data} />;
}

function ContactView({ contact: c }: { contact: Contact }) {
  const { t, label } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const { defs } = useFieldDefinitions('contact');
  const canWrite = me.permissions.contacts.write !== 'none';
  const deleted = !!c.deleted_at;
  const v = (field: string, node: ReactNode, empty: boolean): ReactNode => (c.redacted?.includes(field) ? <Hidden /> : empty ? <Empty /> : node);

  const remove = () =>
    modal.confirm({
      title: t('common.confirmDelete', { name: c.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: c.id }, header: { 'If-Match': ifMatch(c.version) } } }));
          message.success(t('common.deletedOk'));
          qc.invalidateQueries({ queryKey: keys.contacts });
          navigate(`/accounts/${c.account_id}?tab=contacts`);
        } catch (e) {
          message.error(errorText(t, e));
          qc.invalidateQueries({ queryKey: keys.contact(c.id) });
        }
      },
    });

  const restore = async () => {
    try {
      const r = await call(api.POST('/api/v1/contacts/{id}/restore', { params: { path: { id: c.id } } }));
      qc.setQueryData(keys.contact(c.id), r);
      qc.invalidateQueries({ queryKey: keys.contacts });
      qc.invalidateQueries({ queryKey: keys.history('contact', c.id) });
      message.success(t('common.restoredOk'));
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  return (
    <div className="gx-page">
      <Breadcrumb
        className="gx-breadcrumb"
        items={[{ title: <Link to="/contacts">{t('nav.contacts')}</Link> }, { title: <Link to={`/accounts/${c.account_id}`}>{c.account_name}</Link> }, { title: c.name }]}
      />
      <Card className="gx-card gx-record-head">
        <div className="gx-record-head-row">
          <div className="gx-record-head-main">
            <Space align="center" wrap>
              <Typography.Title level={3} className="gx-page-title" data-testid="record-title">
                {c.name}
              </Typography.Title>
              <Tag color={levelColor[c.level]}>{label('level', c.level)}</Tag>
              <Tag color={functionColor[c.function]}>{label('function', c.function)}</Tag>
              {(c.tags ?? []).map((x) => (
                <Tag key={x}>{x}</Tag>
              ))}
            </Space>
            <Space className="gx-record-meta" size="large" wrap>
              <span>
                {[c.title, c.department].filter(Boolean).join(' · ')}
                {(c.title || c.department) && ' @ '}
                <Link to={`/accounts/${c.account_id}`}>{c.account_name}</Link>
              </span>
              <span>
                {t('field.owner_id')}: <UserName id={c.owner_id} />
              </span>
              <span>
                {t('field.updated_at')}: {dayjs(c.updated_at).format('YYYY-MM-DD HH:mm')}
              </span>
            </Space>
          </div>
          {canWrite && !deleted && (
            <Space>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-edit">
                {t('common.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="record-delete">
                {t('common.delete')}
              </Button>
            </Space>
          )}
        </div>
        {deleted && (
          <Alert
            className="gx-mt"
            type="warning"
            showIcon
            message={t('common.inRecycleBin')}
            action={
              canWrite && (
                <Button icon={<RollbackOutlined />} onClick={restore}>
                  {t('common.restore')}
                </Button>
              )
            }
          />
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card className="gx-card" title={t('contact.section.basic')}>
            <Descriptions bordered size="small" column={descriptionColumns} data-testid="contact-details">
              <Descriptions.Item label={t('field.account_id')}>
                <Link to={`/accounts/${c.account_id}`}>{c.account_name}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('field.title')}>{v('title', c.title, !c.title)}</Descriptions.Item>
              <Descriptions.Item label={t('field.department')}>{v('department', c.department, !c.department)}</Descriptions.Item>
              <Descriptions.Item label={t('field.level')}>{label('level', c.level)}</Descriptions.Item>
              <Descriptions.Item label={t('field.function')}>{label('function', c.function)}</Descriptions.Item>
              <Descriptions.Item label={t('field.owner_id')}>
                <UserName id={c.owner_id} />
              </Descriptions.Item>
              <Descriptions.Item label={t('field.team_id')}>
                <TeamName id={c.team_id} />
              </Descriptions.Item>
              <Descriptions.Item label={t('field.tags')}>{v('tags', (c.tags ?? []).map((x) => <Tag key={x}>{x}</Tag>), !c.tags?.length)}</Descriptions.Item>
              <Descriptions.Item label={t('field.concerns')} span="filled">
                {v('concerns', <div className="gx-prewrap">{c.concerns}</div>, !c.concerns)}
              </Descriptions.Item>
            </Descriptions>
          </Card>

          <Card className="gx-card" title={t('contact.section.channels')}>
            <Descriptions bordered size="small" column={descriptionColumns}>
              <Descriptions.Item label={t('field.mobile')}>{v('mobile', c.mobile, !c.mobile)}</Descriptions.Item>
              <Descriptions.Item label={t('field.phone')}>{v('phone', c.phone, !c.phone)}</Descriptions.Item>
              <Descriptions.Item label={t('field.email')}>{v('email', <a href={`mailto:${c.email}`}>{c.email}</a>, !c.email)}</Descriptions.Item>
              <Descriptions.Item label={t('field.wechat')}>{v('wechat', c.wechat, !c.wechat)}</Descriptions.Item>
              <Descriptions.Item label={t('field.address')} span="filled">
                {v('address', c.address, !c.address)}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} className="gx-subtitle">
              {t('contact.section.consent')}
            </Typography.Title>
            {c.redacted?.includes('consent') ? (
              <Hidden />
            ) : (
              <div className="gx-consent" data-testid="consent">
                {consentChannels.map((ch) => {
                  const yes = !!c.consent?.[ch];
                  return (
                    <div key={ch} className={yes ? 'gx-consent-item gx-consent-yes' : 'gx-consent-item'}>
                      {yes ? <CheckCircleFilled /> : <CloseCircleOutlined />}
                      <span className="gx-consent-channel">{t(`consent.${ch}`)}</span>
                      <span className="gx-consent-state">{yes ? t('consent.granted') : t('consent.denied')}</span>
                    </div>
                  );
                })}
              </div>
            )}
            <Typography.Text type="secondary" className="gx-small">
              {t('contact.consentHint')}
            </Typography.Text>
          </Card>

          <ProfileCard contact={c} />

          {defs.length > 0 && (
            <Card className="gx-card" title={t('contact.section.custom')}>
              <Descriptions bordered size="small" column={descriptionColumns}>
                {defs.map((d) => (
                  <Descriptions.Item key={d.id} label={d.label}>
                    {v(`custom.${d.key}`, <CustomFieldValue def={d} value={c.custom?.[d.key]} />, false)}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Reporting contact={c} />
          <Card className="gx-card" title={t('timeline.title')}>
            <Timeline
              subject="contact"
              id={c.id}
              account={{ id: c.account_id, name: c.account_name ?? '' }}
              contactId={c.id}
              canLog={me.permissions.activities.write !== 'none' && !deleted}
            />
          </Card>
          <Card className="gx-card" title={t('history.title')}>
            <HistoryTimeline entity="contact" id={c.id} defs={defs} />
          </Card>
        </Col>
      </Row>

      <ContactFormDrawer open={editing} contact={c} onClose={() => setEditing(false)} />
    </div>
  );
}

/** The personal profile, or a notice when the field rule hides it. */
function ProfileCard({ contact: c }: { contact: Contact }) {
  const { t } = useI18n();
  const hidden = !!c.redacted?.includes('personal_profile');
  return (
    <Card
      className="gx-card"
      title={
        <Space>
          <LockOutlined />
          {t('contact.section.profile')}
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('contact.profileHint')}</Typography.Text>}
      data-testid="profile"
    >
      {hidden ? (
        <Alert type="info" showIcon icon={<LockOutlined />} message={t('profile.hiddenTitle')} description={t('profile.hiddenDesc')} data-testid="profile-hidden" />
      ) : !c.personal_profile || profileFields.every((f) => !c.personal_profile?.[f]) ? (
        <Typography.Text type="secondary" data-testid="profile-empty">
          {t('profile.empty')}
        </Typography.Text>
      ) : (
        <Descriptions bordered size="small" column={descriptionColumns} data-testid="profile-fields">
          {profileFields.map((f) => (
            <Descriptions.Item key={f} label={t(`profile.${f}`)}>
              {c.personal_profile?.[f] ? <span className="gx-prewrap">{c.personal_profile[f]}</span> : <Empty />}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}

/** Who the contact reports to and who reports to them. */
function Reporting({ contact: c }: { contact: Contact }) {
  const { t } = useI18n();
  const manager = useContact(c.reports_to_id ?? '');
  const reports = useContactList({ reports_to_id: c.id, limit: 200, sort: 'name' });
  return (
    <Card className="gx-card" title={t('field.reports_to_id')} data-testid="reporting">
      {!c.reports_to_id ? (
        <Typography.Text type="secondary">{t('contact.noManager')}</Typography.Text>
      ) : manager.data ? (
        <PersonLine p={manager.data} />
      ) : manager.isLoading ? (
        <Spin size="small" />
      ) : (
        <Typography.Text type="secondary">{t('org.missingManager')}</Typography.Text>
      )}
      <Typography.Title level={5} className="gx-subtitle">
        {t('contact.directReports')}
      </Typography.Title>
      <List
        size="small"
        loading={reports.isLoading}
        dataSource={reports.data?.items ?? []}
        locale={{ emptyText: t('contact.noReports') }}
        renderItem={(r) => (
          <List.Item>
            <PersonLine p={r} />
          </List.Item>
        )}
      />
    </Card>
  );
}

function PersonLine({ p }: { p: Contact }) {
  const { label } = useI18n();
  return (
    <Space>
      <UserOutlined />
      <Link to={`/contacts/${p.id}`}>{p.name}</Link>
      {p.title && <Typography.Text type="secondary">{p.title}</Typography.Text>}
      <Tag color={levelColor[p.level]} className="gx-tag-sm">
        {label('level', p.level)}
      </Tag>
    </Space>
  );
}
