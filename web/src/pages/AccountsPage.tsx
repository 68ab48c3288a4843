import { PlusOutlined } from '@ant-design/icons';
import { Button, InputNumber, Progress, Select, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, call, type Account, type AccountListQuery } from '../api/client';
import { useAccountList, useFieldDefinitions, useTeams } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { AccountFormDrawer } from '../components/AccountForm';
import { CustomFieldValue, EnumSelect, SafeLink, UserSelect } from '../components/fields';
import { customFilterFields, DateRangeFilter, FilterField, TextFilter } from '../components/list/Filters';
import { ListPage, type ColumnSpec } from '../components/list/ListPage';
import { TeamName, UserName } from '../components/UserName';
import { useI18n } from '../i18n/I18nProvider';
import { withParam } from '../lib/listQuery';
import { formatMoney } from '../lib/money';

export const accountDefaultColumns = ['name', 'kind', 'industry', 'region', 'owner_id', 'tags', 'hotness', 'updated_at'];

export function hotnessColor(h: number) {
  return h >= 70 ? '#f5222d' : h >= 40 ? '#fa8c16' : '#1677ff';
}

export function AccountsPage() {
  const { t, label, locale } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const { defs } = useFieldDefinitions('account');
  const { teams } = useTeams();
  const [creating, setCreating] = useState(false);
  const finance = me.permissions.see_finance;

  const columns = useMemo<ColumnSpec<Account>[]>(() => {
    const cols: ColumnSpec<Account>[] = [
      {
        key: 'name',
        title: t('field.name'),
        render: (a) => (
          <Link to={`/accounts/${a.id}`} onClick={(e) => e.stopPropagation()} className="gx-strong-link">
            {a.name}
          </Link>
        ),
      },
      { key: 'kind', title: t('field.kind'), render: (a) => <Tag color={a.kind === 'organization' ? 'blue' : 'cyan'}>{label('kind', a.kind)}</Tag> },
      { key: 'industry', title: t('field.industry'), render: (a) => label('industry', a.industry) },
      { key: 'size', title: t('field.size'), render: (a) => label('size', a.size) },
      { key: 'region', title: t('field.region'), render: (a) => a.region },
      { key: 'source', title: t('field.source'), render: (a) => label('source', a.source) },
      { key: 'owner_id', title: t('field.owner_id'), render: (a) => <UserName id={a.owner_id} /> },
      { key: 'team_id', title: t('field.team_id'), render: (a) => <TeamName id={a.team_id} /> },
      { key: 'tags', title: t('field.tags'), render: (a) => (a.tags ?? []).map((x) => <Tag key={x}>{x}</Tag>) },
      {
        key: 'hotness',
        title: t('field.hotness'),
        width: 140,
        render: (a) => <Progress percent={a.hotness} size="small" strokeColor={hotnessColor(a.hotness)} format={(p) => String(p)} />,
      },
      { key: 'credit_rating', title: t('field.credit_rating'), render: (a) => a.credit_rating || '' },
      { key: 'credit_limit', title: t('field.credit_limit'), render: (a) => (a.credit_limit ? formatMoney(a.credit_limit.amount, a.credit_limit.currency, locale) : '') },
      { key: 'phone', title: t('field.phone'), render: (a) => a.phone },
      { key: 'email', title: t('field.email'), render: (a) => a.email },
      { key: 'website', title: t('field.website'), render: (a) => (a.website ? <SafeLink href={a.website} /> : '') },
      { key: 'credit_code', title: t('field.credit_code'), render: (a) => <span className="gx-mono">{a.credit_code}</span> },
      { key: 'created_at', title: t('field.created_at'), render: (a) => dayjs(a.created_at).format('YYYY-MM-DD') },
      { key: 'updated_at', title: t('field.updated_at'), render: (a) => dayjs(a.updated_at).format('YYYY-MM-DD HH:mm') },
    ];
    const visible = finance ? cols : cols.filter((c) => c.key !== 'credit_rating' && c.key !== 'credit_limit');
    return [
      ...visible,
      ...defs.map((d) => ({ key: `custom.${d.key}`, title: d.label, render: (a: Account) => <CustomFieldValue def={d} value={a.custom?.[d.key]} /> })),
    ];
  }, [t, label, locale, defs, finance]);

  return (
    <>
      <ListPage<Account>
        entity="account"
        title={t('nav.accounts')}
        searchPlaceholder={t('list.searchAccounts')}
        columns={columns}
        defaultColumns={accountDefaultColumns}
        useList={(q) => useAccountList(q as AccountListQuery)}
        canRestore={me.permissions.accounts.write !== 'none'}
        restore={(a) => call(api.POST('/api/v1/accounts/{id}/restore', { params: { path: { id: a.id } } }))}
        actions={
          me.permissions.accounts.write !== 'none' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-new">
              {t('list.newAccount')}
            </Button>
          )
        }
        basicParams={['kind', 'industry', 'owner_id', 'tag']}
        filters={(params, set) => ({
          basic: (
            <>
              <FilterField label={t('field.kind')}>
                <EnumSelect name="kind" className="gx-w-full" value={params.kind} onChange={(v) => set(withParam(params, 'kind', v))} />
              </FilterField>
              <FilterField label={t('field.industry')}>
                <EnumSelect name="industry" className="gx-w-full" value={params.industry} onChange={(v) => set(withParam(params, 'industry', v))} />
              </FilterField>
              <FilterField label={t('field.owner_id')}>
                <UserSelect className="gx-w-full" value={params.owner_id} onChange={(v) => set(withParam(params, 'owner_id', v))} />
              </FilterField>
              <FilterField label={t('field.tags')}>
                <Select mode="tags" className="gx-w-full" value={(params.tag as string[]) ?? []} onChange={(v) => set(withParam(params, 'tag', v))} placeholder={t('list.tagsPlaceholder')} open={false} suffixIcon={null} />
              </FilterField>
            </>
          ),
          more: (
            <>
              <FilterField label={t('field.size')}>
                <EnumSelect name="size" className="gx-w-full" value={params.size} onChange={(v) => set(withParam(params, 'size', v))} />
              </FilterField>
              <FilterField label={t('field.region')}>
                <TextFilter value={params.region as string} onChange={(v) => set(withParam(params, 'region', v))} />
              </FilterField>
              <FilterField label={t('field.source')}>
                <EnumSelect name="source" className="gx-w-full" value={params.source} onChange={(v) => set(withParam(params, 'source', v))} />
              </FilterField>
              {finance && (
                <FilterField label={t('field.credit_rating')}>
                  <EnumSelect name="credit_rating" className="gx-w-full" value={params.credit_rating} onChange={(v) => set(withParam(params, 'credit_rating', v))} />
                </FilterField>
              )}
              <FilterField label={t('field.team_id')}>
                <Select allowClear className="gx-w-full" value={params.team_id} onChange={(v) => set(withParam(params, 'team_id', v))} options={teams.map((x) => ({ value: x.id, label: x.name }))} />
              </FilterField>
              <FilterField label={t('field.segment')}>
                <EnumSelect name="segment" className="gx-w-full" value={params.segment} onChange={(v) => set(withParam(params, 'segment', v))} />
              </FilterField>
              <FilterField label={t('field.value_tier')}>
                <EnumSelect name="tier" className="gx-w-full" value={params.value_tier} onChange={(v) => set(withParam(params, 'value_tier', v))} />
              </FilterField>
              <FilterField label={t('field.stage')}>
                <EnumSelect name="stage" className="gx-w-full" value={params.stage} onChange={(v) => set(withParam(params, 'stage', v))} />
              </FilterField>
              <FilterField label={t('list.rScore')}>
                <InputNumber className="gx-w-full" min={1} max={5} value={params.r_score ? Number(params.r_score) : null} onChange={(v) => set(withParam(params, 'r_score', v === null ? undefined : String(v)))} />
              </FilterField>
              <FilterField label={t('list.fScore')}>
                <InputNumber className="gx-w-full" min={1} max={5} value={params.f_score ? Number(params.f_score) : null} onChange={(v) => set(withParam(params, 'f_score', v === null ? undefined : String(v)))} />
              </FilterField>
              <FilterField label={t('list.hotnessMin')}>
                <InputNumber className="gx-w-full" min={0} max={100} value={params.hotness_min ? Number(params.hotness_min) : null} onChange={(v) => set(withParam(params, 'hotness_min', v === null ? undefined : String(v)))} />
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
      <AccountFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(a) => navigate(`/accounts/${a.id}`)} />
    </>
  );
}
