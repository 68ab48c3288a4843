import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, type Contact, type ContactListQuery } from '../api/client';
import { useContactList, useFieldDefinitions, useTeams } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { ContactFormDrawer } from '../components/ContactForm';
import { AccountSelect, CustomFieldValue, EnumSelect, UserSelect } from '../components/fields';
import { customFilterFields, DateRangeFilter, FilterField, TextFilter } from '../components/list/Filters';
import { ListPage, type ColumnSpec } from '../components/list/ListPage';
import { TeamName, UserName } from '../components/UserName';
import { useI18n } from '../i18n/I18nProvider';
import { consentChannels } from '../i18n/enums';
import { withParam } from '../lib/listQuery';

export const contactDefaultColumns = ['name', 'account_name', 'title', 'level', 'function', 'mobile', 'owner_id', 'updated_at'];

export const levelColor: Record<string, string> = { decision: 'red', management: 'gold', operational: 'blue' };
export const functionColor: Record<string, string> = { user: 'green', technical: 'geekblue', finance: 'purple' };

export function ContactsPage() {
  const { t, label } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { defs } = useFieldDefinitions('contact');
  const { teams } = useTeams();
  const [creating, setCreating] = useState(false);

  const columns = useMemo<ColumnSpec<Contact>[]>(
    () => [
      {
        key: 'name',
        title: t('field.contact_name'),
        render: (c) => (
          <Link to={`/contacts/${c.id}`} onClick={(e) => e.stopPropagation()} className="gx-strong-link">
            {c.name}
          </Link>
        ),
      },
      {
        key: 'account_name',
        title: t('field.account_name'),
        render: (c) => (
          <Link to={`/accounts/${c.account_id}`} onClick={(e) => e.stopPropagation()}>
            {c.account_name}
          </Link>
        ),
      },
      { key: 'title', title: t('field.title'), render: (c) => c.title },
      { key: 'department', title: t('field.department'), render: (c) => c.department },
      { key: 'level', title: t('field.level'), render: (c) => <Tag color={levelColor[c.level]}>{label('level', c.level)}</Tag> },
      { key: 'function', title: t('field.function'), render: (c) => <Tag color={functionColor[c.function]}>{label('function', c.function)}</Tag> },
      { key: 'mobile', title: t('field.mobile'), render: (c) => c.mobile },
      { key: 'phone', title: t('field.phone'), render: (c) => c.phone },
      { key: 'email', title: t('field.email'), render: (c) => c.email },
      { key: 'wechat', title: t('field.wechat'), render: (c) => c.wechat },
      {
        key: 'consent',
        title: t('field.consent'),
        render: (c) => (
          <Space size={4}>
            {consentChannels
              .filter((ch) => c.consent?.[ch])
              .map((ch) => (
                <Tooltip key={ch} title={t('consent.granted')}>
                  <Tag icon={<CheckCircleFilled />} color="success">
                    {t(`consent.${ch}`)}
                  </Tag>
                </Tooltip>
              ))}
          </Space>
        ),
      },
      { key: 'owner_id', title: t('field.owner_id'), render: (c) => <UserName id={c.owner_id} /> },
      { key: 'team_id', title: t('field.team_id'), render: (c) => <TeamName id={c.team_id} /> },
      { key: 'tags', title: t('field.tags'), render: (c) => (c.tags ?? []).map((x) => <Tag key={x}>{x}</Tag>) },
      { key: 'created_at', title: t('field.created_at'), render: (c) => dayjs(c.created_at).format('YYYY-MM-DD') },
      { key: 'updated_at', title: t('field.updated_at'), render: (c) => dayjs(c.updated_at).format('YYYY-MM-DD HH:mm') },
      ...defs.map((d) => ({ key: `custom.${d.key}`, title: d.label, render: (c: Contact) => <CustomFieldValue def={d} value={c.custom?.[d.key]} /> })),
    ],
    [t, label, defs],
  );

  return (
    <>
      <ListPage<Contact>
        entity="contact"
        title={t('nav.contacts')}
        searchPlaceholder={t('list.searchContacts')}
        columns={columns}
        defaultColumns={contactDefaultColumns}
        useList={(q) => useContactList(q as ContactListQuery)}
        canRestore={me.permissions.contacts.write !== 'none'}
        restore={(c) => call(api.POST('/api/v1/contacts/{id}/restore', { params: { path: { id: c.id } } }))}
        actions={
          me.permissions.contacts.write !== 'none' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="contact-new">
              {t('list.newContact')}
            </Button>
          )
        }
        basicParams={['level', 'function', 'account_id', 'owner_id']}
        filters={(params, set) => ({
          basic: (
            <>
              <FilterField label={t('field.level')}>
                <EnumSelect name="level" className="gx-w-full" value={params.level} onChange={(v) => set(withParam(params, 'level', v))} />
              </FilterField>
              <FilterField label={t('field.function')}>
                <EnumSelect name="function" className="gx-w-full" value={params.function} onChange={(v) => set(withParam(params, 'function', v))} />
              </FilterField>
              <FilterField label={t('field.account_id')}>
                <AccountSelect value={params.account_id as string} onChange={(v) => set(withParam(params, 'account_id', v))} />
              </FilterField>
              <FilterField label={t('field.owner_id')}>
                <UserSelect className="gx-w-full" value={params.owner_id} onChange={(v) => set(withParam(params, 'owner_id', v))} />
              </FilterField>
            </>
          ),
          more: (
            <>
              <FilterField label={t('field.title')}>
                <TextFilter value={params.title as string} onChange={(v) => set(withParam(params, 'title', v))} />
              </FilterField>
              <FilterField label={t('field.department')}>
                <TextFilter value={params.department as string} onChange={(v) => set(withParam(params, 'department', v))} />
              </FilterField>
              <FilterField label={t('list.consentFilter')}>
                <EnumSelect name="consent" className="gx-w-full" value={params.consent} onChange={(v) => set(withParam(params, 'consent', v))} />
              </FilterField>
              <FilterField label={t('field.team_id')}>
                <Select allowClear className="gx-w-full" value={params.team_id} onChange={(v) => set(withParam(params, 'team_id', v))} options={teams.map((x) => ({ value: x.id, label: x.name }))} />
              </FilterField>
              <FilterField label={t('field.tags')}>
                <Select mode="tags" className="gx-w-full" value={(params.tag as string[]) ?? []} onChange={(v) => set(withParam(params, 'tag', v))} placeholder={t('list.tagsPlaceholder')} open={false} suffixIcon={null} />
              </FilterField>
              <FilterField label={t('list.createdRange')}>
                <DateRangeFilter params={params} from="created_from" to="created_to" onChange={set} />
              </FilterField>
              <FilterField label={t('list.updatedRange')}>
                <DateRangeFilter params={params} from="updated_from" to="updated_to" onChange={set} />
              </FilterField>
              {customFilterFields(defs, params, set)}
            </>
          ),
        })}
      />
      <ContactFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/contacts/${c.id}`)} />
    </>
  );
}
