import { ClearOutlined, DownOutlined, UpOutlined } from '@ant-design/icons';
import { Badge, Button, Col, DatePicker, Input, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import type { FieldDefinition } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { withParam, type ListParams } from '../../lib/listQuery';

/** One labelled control of the filter panel. */
export function FilterField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Col xs={24} sm={12} md={8} xl={6}>
      <div className="gx-filter-field">
        <label className="gx-filter-label">{label}</label>
        <div className="gx-filter-control">{children}</div>
      </div>
    </Col>
  );
}

/** The filter panel: the common filters always, the rest when expanded. */
export function FilterPanel({ basic, more, moreCount, onClear, canClear }: { basic: ReactNode; more: ReactNode; moreCount: number; onClear: () => void; canClear: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(moreCount > 0);
  return (
    <div className="gx-filter-panel" data-testid="filters">
      <Row gutter={[16, 12]}>
        {basic}
        {open && more}
      </Row>
      <div className="gx-filter-actions">
        <Button type="link" onClick={() => setOpen(!open)} icon={open ? <UpOutlined /> : <DownOutlined />}>
          <Badge count={open ? 0 : moreCount} size="small" offset={[8, -2]}>
            {t('list.moreFilters')}
          </Badge>
        </Button>
        <Button icon={<ClearOutlined />} onClick={onClear} disabled={!canClear}>
          {t('list.clearFilters')}
        </Button>
      </div>
    </div>
  );
}

/** A text filter applied when the user stops typing or presses Enter. */
export function TextFilter({ value, onChange, placeholder }: { value?: string; onChange: (v: string) => void; placeholder?: string }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const h = setTimeout(() => onChange(text.trim()), 400);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  return <Input allowClear value={text} onChange={(e) => setText(e.target.value)} onPressEnter={() => onChange(text.trim())} placeholder={placeholder} />;
}

/** A date range filter over two parameters holding instants. */
export function DateRangeFilter({ params, from, to, onChange }: { params: ListParams; from: string; to: string; onChange: (p: ListParams) => void }) {
  const f = typeof params[from] === 'string' ? dayjs(params[from] as string) : null;
  const tt = typeof params[to] === 'string' ? dayjs(params[to] as string) : null;
  return (
    <DatePicker.RangePicker
      className="gx-w-full"
      value={[f?.isValid() ? f : null, tt?.isValid() ? tt : null]}
      allowEmpty={[true, true]}
      onChange={(r) => {
        let p = withParam(params, from, r?.[0] ? r[0].startOf('day').toISOString() : undefined);
        p = withParam(p, to, r?.[1] ? r[1].endOf('day').toISOString() : undefined);
        onChange(p);
      }}
    />
  );
}

/** Filters on custom fields with choices or short values, as custom=key:value. */
export function customFilterFields(defs: FieldDefinition[], params: ListParams, onChange: (p: ListParams) => void) {
  const current = (Array.isArray(params.custom) ? params.custom : params.custom ? [params.custom] : []) as string[];
  const valueOf = (key: string) => current.find((c) => c.startsWith(`${key}:`))?.slice(key.length + 1);
  const set = (key: string, v: string | undefined) => {
    const rest = current.filter((c) => !c.startsWith(`${key}:`));
    onChange(withParam(params, 'custom', v ? [...rest, `${key}:${v}`] : rest));
  };
  return defs
    .filter((d) => ['select', 'text', 'number', 'email', 'phone', 'url'].includes(d.type))
    .map((d) => (
      <FilterField key={d.id} label={d.label}>
        {d.type === 'select' ? (
          <Select allowClear className="gx-w-full" value={valueOf(d.key)} onChange={(v) => set(d.key, v)} options={(d.options ?? []).map((o) => ({ value: o, label: o }))} />
        ) : (
          <TextFilter value={valueOf(d.key)} onChange={(v) => set(d.key, v || undefined)} />
        )}
      </FilterField>
    ));
}
