import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { isApiError } from '../../api/errors';
import { keys, usePipelineStages } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { stageKindColor } from '../AccountOpportunities';
import { errorText } from '../errorText';

type StageInput = Schemas['StageInput'];

/** A slug for a new stage from its English name, unique among keys. */
function slugFor(name: string, taken: Set<string>): string {
  const base = ('s_' + name.toLowerCase().replace(/[^a-z0-9]+/g, '_')).replace(/_+$/, '').slice(0, 48) || 's';
  let k = base;
  for (let i = 2; taken.has(k); i++) k = `${base}_${i}`;
  return k;
}

/**
 * The workspace's pipeline stages for admins: rename (both languages),
 * reorder, add and remove open stages and set default probabilities,
 * saved all at once (the server refuses removing a stage in use).
 */
export function PipelineStagesTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { stages, isLoading } = usePipelineStages();
  const [rows, setRows] = useState<StageInput[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setRows(stages.map((s) => ({ key: s.key, name: s.name, name_zh: s.name_zh, kind: s.kind, probability: s.probability })));
  }, [stages]);

  const edit = (i: number, patch: Partial<StageInput>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const swap = (i: number, j: number) =>
    setRows((r) => {
      if (j < 0 || j >= r.length) return r;
      const n = [...r];
      [n[i], n[j]] = [n[j], n[i]];
      return n;
    });
  const add = () =>
    setRows((r) => {
      const name = t('stages.newName');
      const at = Math.max(0, r.findIndex((x) => x.kind !== 'open'));
      const n = [...r];
      n.splice(at, 0, { key: slugFor(`stage ${r.length + 1}`, new Set(r.map((x) => x.key))), name: `Stage ${r.length + 1}`, name_zh: name, kind: 'open', probability: 50 });
      return n;
    });
  const save = async () => {
    setSaving(true);
    setProblems([]);
    try {
      await call(api.PUT('/api/v1/pipeline/stages', { body: { stages: rows } }));
      message.success(t('stages.saved'));
      void qc.invalidateQueries({ queryKey: keys.pipeline });
    } catch (e) {
      setProblems(isApiError(e) && e.fieldErrors.length ? e.fieldErrors.map((f) => `${f.field}: ${f.message}`) : [errorText(t, e)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" className="gx-full-width" data-testid="stages-settings">
      <Typography.Paragraph type="secondary">{t('stages.hint')}</Typography.Paragraph>
      {problems.length > 0 && <Alert type="error" showIcon message={t('error.invalid')} description={<ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} data-testid="stages-error" />}
      <Table<StageInput>
        size="small"
        rowKey="key"
        loading={isLoading}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('stages.order'),
            key: 'order',
            width: 90,
            render: (_, _r, i) => (
              <Space size={0}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => swap(i, i - 1)} aria-label={t('stages.up')} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => swap(i, i + 1)} aria-label={t('stages.down')} />
              </Space>
            ),
          },
          { title: t('stages.key'), dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
          {
            title: t('stages.nameEn'),
            key: 'name',
            render: (_, r, i) => <Input value={r.name} maxLength={100} onChange={(e) => edit(i, { name: e.target.value })} data-testid={`stage-name-${r.key}`} aria-label={t('stages.nameEn')} />,
          },
          {
            title: t('stages.nameZh'),
            key: 'name_zh',
            render: (_, r, i) => <Input value={r.name_zh} maxLength={100} onChange={(e) => edit(i, { name_zh: e.target.value })} data-testid={`stage-name-zh-${r.key}`} aria-label={t('stages.nameZh')} />,
          },
          { title: t('stages.kind'), key: 'kind', render: (_, r) => <Tag color={stageKindColor[r.kind]}>{t(`stages.kind.${r.kind}`)}</Tag> },
          {
            title: t('stages.probability'),
            key: 'probability',
            width: 110,
            render: (_, r, i) => <InputNumber min={0} max={100} value={r.probability} onChange={(v) => edit(i, { probability: Number(v ?? 0) })} aria-label={t('stages.probability')} />,
          },
          {
            title: '',
            key: 'remove',
            width: 48,
            render: (_, r, i) =>
              r.kind === 'open' ? (
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setRows((x) => x.filter((_, j) => j !== i))} aria-label={t('stages.remove')} data-testid={`stage-remove-${r.key}`} />
              ) : null,
          },
        ]}
      />
      <Space>
        <Button icon={<PlusOutlined />} onClick={add} data-testid="stages-add">
          {t('stages.add')}
        </Button>
        <Button type="primary" loading={saving} onClick={save} data-testid="stages-save">
          {t('common.save')}
        </Button>
      </Space>
    </Space>
  );
}
