import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../api/client';
import { competitorKeys, useWorksheet, type Worksheet } from '../api/competitors';
import { errorCode } from '../api/errors';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { costLines, emptyScores, lineValue, standing, validScore, valueLines, type Line, type Scores } from '../lib/deliveredValue';
import { errorText } from './errorText';

type Draft = Record<string, Scores>;

const draftOf = (w: Worksheet): Draft => Object.fromEntries((w.rows ?? []).map((r) => [r.party, { ...emptyScores(), ...r.scores }]));

const lines: { line: Line; kind: 'value' | 'cost' | 'total' }[] = [
  ...valueLines.map((line) => ({ line, kind: 'value' as const })),
  { line: 'total_value', kind: 'total' },
  ...costLines.map((line) => ({ line, kind: 'cost' as const })),
  { line: 'total_cost', kind: 'total' },
  { line: 'delivered_value', kind: 'total' },
];

/**
 * The customer delivered value worksheet (顾客让渡价值) of an opportunity:
 * our offer and each competitor in play scored side by side, with our
 * advantage or disadvantage on every line.
 */
export function DeliveredValueWorksheet({ opportunityId }: { opportunityId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const ws = useWorksheet(opportunityId);
  const [draft, setDraft] = useState<Draft>({});
  const [saving, setSaving] = useState(false);
  const canWrite = me.permissions.opportunities.write !== 'none';

  useEffect(() => {
    if (ws.data) setDraft(draftOf(ws.data));
  }, [ws.data]);

  const parties = ws.data?.rows ?? [];
  const dirty = useMemo(() => !!ws.data && JSON.stringify(draftOf(ws.data)) !== JSON.stringify(draft), [ws.data, draft]);

  if (ws.isError) return <Alert type="error" showIcon message={errorText(t, ws.error)} />;

  const partyName = (p: string, name?: string) => (p === 'us' ? t('dv.us') : (name ?? p));
  const set = (party: string, line: keyof Scores, v: number | null) =>
    setDraft((d) => ({ ...d, [party]: { ...(d[party] ?? emptyScores()), [line]: v ?? 0 } }));

  const save = async () => {
    if (!ws.data) return;
    const bad = Object.values(draft).some((s) => !Object.values(s).every(validScore));
    if (bad) {
      message.error(t('dv.invalid'));
      return;
    }
    setSaving(true);
    try {
      const rows = (ws.data.rows ?? []).map((r) => ({ ...(draft[r.party] ?? emptyScores()), competitor_id: r.party === 'us' ? undefined : r.party }));
      await call(api.PUT('/api/v1/opportunities/{id}/delivered-value', { params: { path: { id: opportunityId } }, body: { version: ws.data.version, rows } }));
      message.success(t('common.savedOk'));
    } catch (e) {
      message.error(errorCode(e) === 'precondition_failed' ? t('dv.stale') : errorText(t, e));
    } finally {
      setSaving(false);
      qc.invalidateQueries({ queryKey: competitorKeys.worksheet(opportunityId) });
    }
  };

  const theirs = (line: Line) => parties.filter((p) => p.party !== 'us').map((p) => lineValue(draft[p.party] ?? emptyScores(), line));
  const cell = (party: string, line: Line, kind: 'value' | 'cost' | 'total') => {
    const s = draft[party] ?? emptyScores();
    const v = lineValue(s, line);
    const mark =
      party === 'us' ? standing(line, v, theirs(line)) : standing(line, lineValue(draft.us ?? emptyScores(), line), [v]) === 'disadvantage' ? 'beats-us' : undefined;
    const editable = canWrite && kind !== 'total';
    const content = editable ? (
      <InputNumber
        min={0}
        max={10}
        step={0.5}
        precision={1}
        size="small"
        value={v}
        onChange={(x) => set(party, line as keyof Scores, x)}
        aria-label={`${partyName(party, parties.find((p) => p.party === party)?.competitor_name)} ${t(`dv.line.${line}`)}`}
        data-testid={`dv-${party === 'us' ? 'us' : 'k'}-${line}`}
        style={{ width: 76 }}
      />
    ) : (
      <Typography.Text strong={kind === 'total'} data-testid={`dv-${party === 'us' ? 'us' : 'k'}-${line}`}>
        {v.toFixed(1)}
      </Typography.Text>
    );
    return (
      <Space size={4}>
        {content}
        {mark === 'advantage' && (
          <Typography.Text type="success" data-testid="dv-advantage">
            <ArrowUpOutlined aria-label={t('dv.advantage')} />
          </Typography.Text>
        )}
        {mark === 'disadvantage' && (
          <Typography.Text type="danger" data-testid="dv-disadvantage">
            <ArrowDownOutlined aria-label={t('dv.disadvantage')} />
          </Typography.Text>
        )}
        {mark === 'beats-us' && <Tag color="red">{t('dv.beatsUs')}</Tag>}
      </Space>
    );
  };

  return (
    <div data-testid="delivered-value">
      <Typography.Paragraph type="secondary">{t('dv.hint')}</Typography.Paragraph>
      {parties.length === 1 && <Alert className="gx-mb" type="info" showIcon message={t('dv.noCompetitors')} />}
      <Table
        rowKey="line"
        size="small"
        loading={ws.isLoading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={lines}
        rowClassName={(r) => (r.kind === 'total' ? 'gx-dv-total' : '')}
        columns={[
          {
            key: 'line',
            title: t('dv.criterion'),
            width: 180,
            render: (_, r) => (
              <Space size={4}>
                {r.kind !== 'total' && <Tag color={r.kind === 'value' ? 'blue' : 'orange'}>{t(r.kind === 'value' ? 'dv.value' : 'dv.cost')}</Tag>}
                <Typography.Text strong={r.kind === 'total'}>{t(`dv.line.${r.line}`)}</Typography.Text>
              </Space>
            ),
          },
          ...parties.map((p) => ({
            key: p.party,
            title: <span data-testid="dv-party">{partyName(p.party, p.competitor_name)}</span>,
            render: (_: unknown, r: (typeof lines)[number]) => cell(p.party, r.line, r.kind),
          })),
        ]}
      />
      {canWrite && (
        <Space className="gx-mt">
          <Button type="primary" onClick={save} loading={saving} disabled={!dirty} data-testid="dv-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => ws.data && setDraft(draftOf(ws.data))} disabled={!dirty}>
            {t('dv.reset')}
          </Button>
          {ws.data?.version ? <Typography.Text type="secondary">{t('dv.version', { n: ws.data.version })}</Typography.Text> : null}
        </Space>
      )}
    </div>
  );
}
