import { useQuery } from '@tanstack/react-query';
import { DatePicker, Input, InputNumber, Select, Switch, Tag, Typography, type SelectProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, call, type FieldDefinition } from '../api/client';
import { keys, useUsers } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { enumPrefixes, type EnumName } from '../i18n/enums';
import { Empty } from './Hidden';

/** A select over one of the domain's value lists, labelled in the current language. */
export function EnumSelect({ name, ...rest }: { name: EnumName } & SelectProps) {
  const { label } = useI18n();
  const options = enumPrefixes[name].values.map((v) => ({ value: v, label: label(name, v) }));
  return <Select allowClear options={options} optionFilterProp="label" showSearch {...rest} />;
}

/** A "YYYY-MM-DD" string edited with a date picker. */
export function DateStringInput({ value, onChange, ...rest }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; disabledFuture?: boolean }) {
  return (
    <DatePicker
      id={rest.id}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      disabledDate={rest.disabledFuture ? (d) => d.isAfter(dayjs(), 'day') : undefined}
      className="gx-w-full"
    />
  );
}

/** Picks a user of the workspace, e.g. an owner. */
export function UserSelect(props: SelectProps) {
  const { users, isLoading } = useUsers();
  const { label } = useI18n();
  const options = users
    .filter((u) => u.active || u.id === props.value)
    .map((u) => ({ value: u.id, label: u.name, search: `${u.name} ${u.email}`, role: label('role', u.role) }));
  return (
    <Select
      allowClear
      showSearch
      loading={isLoading}
      options={options}
      filterOption={(input, o) => String(o?.search ?? '').toLowerCase().includes(input.toLowerCase())}
      optionRender={(o) => (
        <span>
          {o.data.label} <Typography.Text type="secondary">· {o.data.role}</Typography.Text>
        </span>
      )}
      {...props}
    />
  );
}

/** Picks an account by searching the API (names, pinyin, initials). */
export function AccountSelect({ value, onChange, initialLabel, excludeId, ...rest }: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  initialLabel?: string;
  excludeId?: string;
  id?: string;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q), 250);
    return () => clearTimeout(h);
  }, [q]);
  useEffect(() => {
    let stale = false;
    setLoading(true);
    call(api.GET('/api/v1/accounts', { params: { query: { q: debounced || undefined, limit: 20, sort: debounced ? undefined : '-updated_at' } } }))
      .then((p) => !stale && setOptions((p.items ?? []).filter((a) => a.id !== excludeId).map((a) => ({ value: a.id, label: a.name }))))
      .catch(() => !stale && setOptions([]))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [debounced, excludeId]);
  // A value chosen elsewhere (a link, a saved view) needs its name.
  const missing = !!value && !initialLabel && !options.some((o) => o.value === value);
  const named = useQuery({
    queryKey: keys.account(value ?? ''),
    queryFn: () => call(api.GET('/api/v1/accounts/{id}', { params: { path: { id: value! } } })),
    enabled: missing,
    retry: false,
  });
  const valueLabel = initialLabel ?? named.data?.name;
  const merged = useMemo(() => {
    if (value && valueLabel && !options.some((o) => o.value === value)) return [{ value, label: valueLabel }, ...options];
    return options;
  }, [options, value, valueLabel]);
  return (
    <Select
      id={rest.id}
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      options={merged}
      placeholder={rest.placeholder}
      notFoundContent={loading ? '…' : undefined}
    />
  );
}

/** The input for one custom field, by its type. */
export function CustomFieldInput({ def, ...rest }: { def: FieldDefinition; value?: unknown; onChange?: (v: unknown) => void; id?: string }) {
  const value = rest.value;
  const onChange = rest.onChange;
  switch (def.type) {
    case 'long_text':
      return <Input.TextArea id={rest.id} value={asString(value)} onChange={(e) => onChange?.(e.target.value)} rows={3} />;
    case 'number':
      return <InputNumber id={rest.id} value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(v ?? undefined)} className="gx-w-full" />;
    case 'date':
      return <DateStringInput id={rest.id} value={asString(value) || undefined} onChange={onChange} />;
    case 'boolean':
      return <Switch id={rest.id} checked={value === true} onChange={(v) => onChange?.(v)} />;
    case 'select':
      return <Select id={rest.id} allowClear value={asString(value) || undefined} onChange={(v) => onChange?.(v)} options={(def.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'multiselect':
      return <Select id={rest.id} mode="multiple" allowClear value={Array.isArray(value) ? value : []} onChange={(v) => onChange?.(v)} options={(def.options ?? []).map((o) => ({ value: o, label: o }))} />;
    default:
      return <Input id={rest.id} value={asString(value)} onChange={(e) => onChange?.(e.target.value)} type={def.type === 'email' ? 'email' : def.type === 'url' ? 'url' : 'text'} />;
  }
}

/** Shows a custom field's value as text. */
export function CustomFieldValue({ def, value }: { def?: FieldDefinition; value: unknown }) {
  const { t, locale } = useI18n();
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return <Empty />;
  switch (def?.type) {
    case 'boolean':
      return <>{value === true ? t('custom.true') : t('custom.false')}</>;
    case 'number':
      return <>{typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : asString(value)}</>;
    case 'multiselect':
      return (
        <>
          {(Array.isArray(value) ? value : [value]).map((v) => (
            <Tag key={String(v)}>{asString(v)}</Tag>
          ))}
        </>
      );
    case 'url':
      return <SafeLink href={asString(value)} />;
    case 'email':
      return <a href={`mailto:${asString(value)}`}>{asString(value)}</a>;
  }
  return <>{asString(value)}</>;
}

/** A link only for http(s) addresses; anything else is shown as plain text. */
export function SafeLink({ href }: { href?: string }) {
  if (!href) return <Empty />;
  if (!/^https?:\/\//i.test(href)) return <>{href}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {href}
    </a>
  );
}

export function asString(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(asString).join(', ');
  return JSON.stringify(v);
}
