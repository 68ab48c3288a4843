import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, call } from '../api/client';
import { keys } from '../api/queries';
import { useI18n } from '../i18n/I18nProvider';
import { canCommit, importOutcome, isCsvFile, type ImportOutcome, type ImportProblem, type ImportSummary } from '../lib/orderImport';
import { errorText, reasonText } from './errorText';

/** Sends the file itself as the body: its bytes go unchanged, so GBK files stay GBK for the server to detect. */
async function postImport(file: File, dryRun: boolean): Promise<ImportSummary> {
  return call(
    api.POST('/api/v1/orders/import', {
      params: { query: { dry_run: dryRun } },
      headers: { 'Content-Type': 'text/csv' },
      body: file as unknown as string,
      bodySerializer: (b: unknown) => b as BodyInit,
    }),
  );
}

/** Import orders from a CSV: check (dry run) first, then import. */
export function ImportOrdersDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const summary = await postImport(file, dryRun);
      setOutcome(importOutcome({ summary }));
      if (!dryRun) {
        qc.invalidateQueries({ queryKey: keys.orders });
        qc.invalidateQueries({ queryKey: ['stats'] });
        message.success(t('import.done', { created: summary.created, updated: summary.updated }));
      }
    } catch (error) {
      setOutcome(importOutcome({ error }));
    } finally {
      setBusy(false);
    }
  };

  const choose = (f: File) => {
    setFile(f);
    setOutcome(null);
    return false; // never upload on its own
  };
  const close = () => {
    setFile(null);
    setOutcome(null);
    onClose();
  };
  const committed = outcome?.kind === 'summary' && !outcome.summary.dry_run;

  return (
    <Drawer
      open={open}
      onClose={close}
      width={720}
      title={t('import.title')}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={close} data-testid="import-close">{committed ? t('import.close') : t('common.cancel')}</Button>
          {!committed && (
            <Button onClick={() => run(true)} disabled={!file} loading={busy && !canCommit(outcome)} data-testid="import-check">
              {t('import.check')}
            </Button>
          )}
          {!committed && (
            <Button type="primary" onClick={() => run(false)} disabled={!canCommit(outcome)} loading={busy && canCommit(outcome)} data-testid="import-commit">
              {t('import.commit')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
      <Typography.Paragraph>
        <code className="gx-import-columns">number, account, order_date, product, quantity, status, unit_price, discount, note</code>
      </Typography.Paragraph>
      <div className="gx-import-drop">
      <Upload.Dragger
        accept=".csv,text/csv"
        multiple={false}
        showUploadList={false}
        beforeUpload={(f) => (isCsvFile(f) ? choose(f) : (message.error(t('import.notCsv')), Upload.LIST_IGNORE))}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : t('import.choose')}</p>
        <p className="ant-upload-hint">{t('import.limits')}</p>
      </Upload.Dragger>
      </div>
      <div className="gx-mt" data-testid="import-result">
        {outcome && <Outcome outcome={outcome} />}
      </div>
    </Drawer>
  );
}

function Outcome({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useI18n();
  if (outcome.kind === 'error') return <Alert type="error" showIcon message={errorText(t, outcome.error)} data-testid="import-error" />;
  if (outcome.kind === 'problems') {
    return (
      <>
        <Alert
          type="error"
          showIcon
          className="gx-mb"
          message={t('import.problems', { total: outcome.total })}
          description={outcome.total > outcome.problems.length ? t('import.problemsFirst', { shown: outcome.problems.length }) : undefined}
        />
        <Table<ImportProblem>
          size="small"
          rowKey="key"
          dataSource={outcome.problems}
          pagination={outcome.problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          data-testid="import-problems"
          columns={[
            { title: t('import.line'), dataIndex: 'line', width: 70, render: (l: number) => (l > 0 ? l : '—') },
            { title: t('import.column'), dataIndex: 'column', width: 120, render: (c: string) => (c ? <code>{c}</code> : '—') },
            {
              title: t('import.message'),
              key: 'message',
              render: (_: unknown, p: ImportProblem) => {
                const reason = reasonText(t, p.reason);
                return (
                  <span>
                    {reason && <Typography.Text strong>{reason}: </Typography.Text>}
                    {p.message}
                  </span>
                );
              },
            },
          ]}
        />
      </>
    );
  }
  const s = outcome.summary;
  return (
    <>
      <Alert
        type={s.dry_run ? 'info' : 'success'}
        showIcon
        className="gx-mb"
        message={s.dry_run ? t('import.checked') : t('import.imported')}
        data-testid={s.dry_run ? 'import-checked' : 'import-imported'}
      />
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('import.created')}>
          <span data-testid="import-created">{s.created}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.updated')}>{s.updated}</Descriptions.Item>
        <Descriptions.Item label={t('import.unchanged')}>{s.unchanged}</Descriptions.Item>
        <Descriptions.Item label={t('import.lines')}>{s.lines}</Descriptions.Item>
        <Descriptions.Item label={t('import.accounts')}>{s.accounts}</Descriptions.Item>
        <Descriptions.Item label={t('import.matchedBy')}>
          {t('import.matchedByValue', { id: s.matched_by.id, code: s.matched_by.credit_code, name: s.matched_by.name })}
        </Descriptions.Item>
        <Descriptions.Item label={t('import.encoding')}>{s.encoding}</Descriptions.Item>
        <Descriptions.Item label={t('import.ignored')}>{s.ignored_columns?.length ? s.ignored_columns.join(', ') : '—'}</Descriptions.Item>
      </Descriptions>
    </>
  );
}
