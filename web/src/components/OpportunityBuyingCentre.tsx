import { DeleteOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { api, call, type Schemas } from '../api/client';
import { keys, useAccountContacts } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { hasKey } from '../i18n/messages';
import { gapWarningMessage } from '../lib/opportunityPage';
import { BuyingCentreGrid } from './BuyingCentreGrid';
import { errorText } from './errorText';
import { FormBanner } from './FormBanner';
import { useApiFormErrors } from './useApiFormErrors';

type Member = Schemas['OpportunityContact'];
type Opportunity = Schemas['Opportunity'];

export const buyingRoles = ['decision_maker', 'influencer', 'user', 'technical_evaluator', 'approver', 'gatekeeper'] as const;
export const stances = ['supporter', 'neutral', 'opponent'] as const;

export const buyingCentreKey = (id: string) => ['opportunities', 'buying-centre', id] as const;

interface AddValues {
  contact_id: string;
  role: Member['role'];
  stance: Member['stance'];
  note?: string;
}

/**
 * The buying centre of an opportunity: who at the account decides,
 * influences or uses, how each leans, the level x function grid with its
 * gaps and the server's plain-language warnings.
 */
export function OpportunityBuyingCentre({ opportunity, canWrite }: { opportunity: Opportunity; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = opportunity.id;
  const bc = useQuery({ queryKey: buyingCentreKey(id), queryFn: () => call(api.GET('/api/v1/opportunities/{id}/contacts', { params: { path: { id } } })) });
  const contacts = useAccountContacts(canWrite ? opportunity.account_id : '');
  const [form] = Form.useForm<AddValues>();
  const memberField = (f: string) => (['contact_id', 'role', 'stance', 'note'].includes(f) ? [f] : undefined);
  const errors = useApiFormErrors(form, memberField);
  const members = bc.data?.members ?? [];
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: buyingCentreKey(id) });
    void qc.invalidateQueries({ queryKey: keys.history('opportunity', id) });
  };

  const add = async (v: AddValues) => {
    errors.setBanner(null);
    try {
      await call(api.POST('/api/v1/opportunities/{id}/contacts', { params: { path: { id } }, body: { ...v, note: v.note?.trim() || undefined } }));
      form.resetFields();
      refresh();
    } catch (e) {
      errors.handle(e);
    }
  };
  const change = async (m: Member, upd: Partial<Pick<Member, 'role' | 'stance'>>) => {
    try {
      await call(api.PATCH('/api/v1/opportunities/{id}/contacts/{contact_id}', { params: { path: { id, contact_id: m.contact_id } }, body: upd }));
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };
  const remove = async (m: Member) => {
    try {
      await call(api.DELETE('/api/v1/opportunities/{id}/contacts/{contact_id}', { params: { path: { id, contact_id: m.contact_id } } }));
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  if (bc.isError) return <Alert type="error" showIcon message={errorText(t, bc.error)} />;
  const taken = new Set(members.map((m) => m.contact_id));
  const choices = (contacts.data?.items ?? []).filter((c) => !taken.has(c.id));
  const warnings = bc.data?.warnings ?? [];

  return (
    <div data-testid="opp-buying-centre">
      <Card size="small" className="gx-card" title={t('oppBc.warnings')}>
        {warnings.length === 0 ? (
          <Tag color="success" data-testid="opp-bc-ok">{t('oppBc.noWarnings')}</Tag>
        ) : (
          <ul className="gx-bc-warnings" data-testid="opp-bc-warnings">
            {warnings.map((w, i) => {
              const msg = gapWarningMessage(w);
              return (
                <li key={i} data-testid={`opp-bc-warning-${w.code}`}>
                  <WarningOutlined /> {hasKey(msg.key) ? t(msg.key, msg.params) : w.code}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card size="small" className="gx-card gx-mt" title={t('oppBc.members')}>
        <Table<Member>
          size="small"
          rowKey="contact_id"
          loading={bc.isLoading}
          pagination={false}
          dataSource={members}
          locale={{ emptyText: t('oppBc.empty') }}
          data-testid="opp-bc-members"
          columns={[
            { title: t('oppBc.contact'), key: 'name', render: (_, m) => <span data-testid={`opp-bc-member-${m.contact_id}`}>{m.name}</span> },
            { title: t('field.title'), dataIndex: 'title' },
            { title: t('field.level'), key: 'level', render: (_, m) => t(`level.${m.level}`) },
            { title: t('field.function'), key: 'function', render: (_, m) => t(`function.${m.function}`) },
            {
              title: t('oppBc.role'),
              key: 'role',
              render: (_, m) =>
                canWrite ? (
                  <Select size="small" value={m.role} className="gx-select-role" onChange={(role) => change(m, { role })}
                    options={buyingRoles.map((r) => ({ value: r, label: t(`buyingRole.${r}`) }))} aria-label={t('oppBc.role')} />
                ) : (
                  t(`buyingRole.${m.role}`)
                ),
            },
            {
              title: t('oppBc.stance'),
              key: 'stance',
              render: (_, m) =>
                canWrite ? (
                  <Select size="small" value={m.stance} className="gx-select-stance" onChange={(stance) => change(m, { stance })}
                    options={stances.map((s) => ({ value: s, label: t(`stance.${s}`) }))} aria-label={t('oppBc.stance')} />
                ) : (
                  t(`stance.${m.stance}`)
                ),
            },
            { title: t('oppBc.note'), dataIndex: 'note' },
            ...(canWrite
              ? [
                  {
                    title: '',
                    key: 'remove',
                    width: 48,
                    render: (_: unknown, m: Member) => (
                      <Popconfirm title={t('oppBc.removeConfirm', { name: m.name })} onConfirm={() => remove(m)} okText={t('common.yes')} cancelText={t('common.no')}>
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('oppBc.remove')} data-testid={`opp-bc-remove-${m.contact_id}`} />
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {canWrite && <FormBanner banner={errors.banner} onReload={() => errors.setBanner(null)} />}
        {canWrite && (
          <Form form={form} layout="inline" className="gx-mt gx-bc-add" onFinish={add} initialValues={{ role: 'influencer', stance: 'neutral' }}>
            <Form.Item name="contact_id" rules={[{ required: true, message: t('reason.required') }]}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder={t('oppBc.pickContact')}
                className="gx-select-contact"
                loading={contacts.isLoading}
                data-testid="opp-bc-contact"
                notFoundContent={t('oppBc.noMoreContacts')}
                options={choices.map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
              />
            </Form.Item>
            <Form.Item name="role">
              <Select className="gx-select-role" data-testid="opp-bc-role" options={buyingRoles.map((r) => ({ value: r, label: t(`buyingRole.${r}`) }))} aria-label={t('oppBc.role')} />
            </Form.Item>
            <Form.Item name="stance">
              <Select className="gx-select-stance" data-testid="opp-bc-stance" options={stances.map((s) => ({ value: s, label: t(`stance.${s}`) }))} aria-label={t('oppBc.stance')} />
            </Form.Item>
            <Form.Item name="note">
              <Input maxLength={500} placeholder={t('oppBc.note')} data-testid="opp-bc-note" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} data-testid="opp-bc-add">
                {t('oppBc.add')}
              </Button>
            </Form.Item>
          </Form>
        )}
      </Card>
      <Card size="small" className="gx-card gx-mt" title={t('bc.title')}>
        <Space direction="vertical" className="gx-full-width">
          <BuyingCentreGrid
            contacts={members.map((m) => ({ id: m.contact_id, name: m.name, title: m.title, level: m.level, function: m.function, role: m.role, stance: m.stance }))}
            gaps={bc.data?.gaps ?? undefined}
          />
        </Space>
      </Card>
    </div>
  );
}
