import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Empty, Form, Input, Modal, Segmented, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { Chart } from '../components/Chart';
import { PipelineReport } from '../components/PipelineReport';
import { forecastChartOption } from '../lib/opportunityPage';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { api, call, ifMatch } from '../api/client';
import { isApiError } from '../api/errors';
import { keys } from '../api/queries';
import { useMe } from '../auth/AuthProvider';
import { errorText, reasonText } from '../components/errorText';
import { OpportunityFormDrawer, useStageLabel } from '../components/OpportunityFormDrawer';
import { UserName } from '../components/UserName';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../lib/money';
import { appendPage, boardFrom, checkMove, findCard, moveCard, replaceCard, undoOf, type Board, type Opportunity } from '../lib/pipelineBoard';

const dragType = 'application/x-guanxi-opportunity';

/**
 * The pipeline as a kanban board: one column per stage with its count,
 * total and weighted amount; cards move between columns by drag and drop.
 * A move shows at once and is undone if the server refuses it; a
 * successful one offers Undo, which is a move back (validated too).
 */
export function PipelinePage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const stageLabel = useStageLabel();
  const [mine, setMine] = useState(false);
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'report' ? 'report' : 'board';
  const owner = mine ? me.user.id : '';
  const pipeline = useQuery({
    queryKey: keys.pipelineBoard(owner),
    queryFn: () => call(api.GET('/api/v1/pipeline', { params: { query: { owner_id: owner || undefined } } })),
  });
  const [board, setBoard] = useState<Board | null>(null);
  const boardRef = useRef<Board | null>(null);
  boardRef.current = board;
  useEffect(() => {
    if (pipeline.data) setBoard(boardFrom(pipeline.data));
  }, [pipeline.data]);
  const [over, setOver] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<{ id: string; key: string } | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [editing, setEditing] = useState<Opportunity | undefined>();
  const [adding, setAdding] = useState(false);
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const canWrite = me.permissions.opportunities.write !== 'none';
  const money = (fen: number) => formatMoney(fen, 'CNY', locale);
  const stageName = (key: string) => {
    const c = boardRef.current?.columns.find((x) => x.stage.key === key);
    return c ? stageLabel(c.stage) : key;
  };

  const problemText = (e: unknown) => {
    if (isApiError(e) && e.fieldErrors.length > 0) {
      const f = e.fieldErrors[0];
      return reasonText(t, f.reason ?? '') ?? f.message ?? errorText(t, e);
    }
    return errorText(t, e);
  };

  /** Sends a move of card id to stage key; undoable moves offer Undo. */
  const send = async (id: string, key: string, reason: string | undefined, undoable: boolean) => {
    const b = boardRef.current;
    const at = b && findCard(b, id);
    if (!b || !at) return;
    const before = at.card;
    const check = checkMove(b, id, key);
    if (check === 'same' || check === 'unknown') return;
    if (check === 'closedToClosed') {
      message.error(t('pipeline.closedToClosed'));
      return;
    }
    if (check === 'needsReason' && reason === undefined) {
      reasonForm.resetFields();
      setReasonFor({ id, key });
      return;
    }
    setBoard(moveCard(b, id, key));
    try {
      const updated = await call(
        api.POST('/api/v1/opportunities/{id}/move', {
          params: { path: { id }, header: { 'If-Match': ifMatch(before.version) } },
          body: reason === undefined ? { stage: key } : { stage: key, win_loss_reason: reason },
        }),
      );
      setBoard((cur) => cur && replaceCard(cur, updated));
      qc.invalidateQueries({ queryKey: keys.opportunities });
      const msgKey = `move-${id}`;
      if (!undoable) {
        message.success({ key: msgKey, content: t('pipeline.undone', { name: updated.name, stage: stageName(key) }) });
        return;
      }
      const u = undoOf(before, updated);
      message.success({
        key: msgKey,
        duration: 8,
        content: (
          <span data-testid="pipeline-moved">
            {t('pipeline.moved', { name: updated.name, stage: stageName(key) })}{' '}
            <Button
              size="small"
              type="link"
              data-testid="pipeline-undo"
              onClick={() => {
                message.destroy(msgKey);
                void send(u.id, u.toStage, u.winLossReason, false);
              }}
            >
              {t('pipeline.undo')}
            </Button>
          </span>
        ),
      });
    } catch (e) {
      setBoard((cur) => cur && moveCard(cur, id, before.stage, before));
      message.error({ key: `move-${id}`, content: problemText(e) });
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>, key: string) => {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData(dragType) || e.dataTransfer.getData('text/plain');
    if (id) void send(id, key, undefined, true);
  };

  const loadMore = async (key: string, cursor: string) => {
    setLoadingMore(key);
    try {
      const page = await call(
        api.GET('/api/v1/opportunities', { params: { query: { stage: key, sort: 'expected_close', cursor, owner_id: owner || undefined, limit: 20 } } }),
      );
      setBoard((cur) => cur && appendPage(cur, key, page.items ?? [], page.next_cursor));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setLoadingMore(null);
    }
  };

  const reasonStage = reasonFor ? stageName(reasonFor.key) : '';
  const reasonCard = reasonFor && board ? findCard(board, reasonFor.id)?.card : undefined;

  return (
    <div className="gx-page gx-pipeline-page" data-testid="pipeline-page">
      <div className="gx-page-head">
        <Typography.Title level={3} className="gx-page-title">
          {t('pipeline.title')}
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setParams(v === 'report' ? { view: 'report' } : {}, { replace: true })}
            options={[
              { value: 'board', label: <span data-testid="pipeline-view-board">{t('pipeline.view.board')}</span> },
              { value: 'report', label: <span data-testid="pipeline-view-report">{t('pipeline.view.report')}</span> },
            ]}
          />
          <Switch checked={mine} onChange={setMine} data-testid="pipeline-mine" /> {t('pipeline.mine')}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="opportunity-new">
              {t('opportunity.new')}
            </Button>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('pipeline.hint')}</Typography.Paragraph>
      {pipeline.isError && <Alert type="error" showIcon message={errorText(t, pipeline.error)} />}
      {!board && pipeline.isLoading && <Spin className="gx-page-spin" size="large" />}
      {view === 'report' && <PipelineReport owner={owner} />}
      {view === 'board' && board && (
        <div className="gx-board" data-testid="pipeline-board">
          {board.columns.map((c) => (
            <div
              key={c.stage.key}
              className={`gx-board-column gx-board-column-${c.stage.kind}${over === c.stage.key ? ' gx-board-column-over' : ''}`}
              data-testid={`pipeline-column-${c.stage.key}`}
              onDragOver={(e) => {
                if (!canWrite) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== c.stage.key) setOver(c.stage.key);
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver((o) => (o === c.stage.key ? null : o));
              }}
              onDrop={(e) => onDrop(e, c.stage.key)}
            >
              <div className="gx-board-column-head">
                <Typography.Text strong>{stageLabel(c.stage)}</Typography.Text>
                <Tag data-testid={`pipeline-count-${c.stage.key}`}>{c.count}</Tag>
                <div className="gx-board-totals">
                  <span data-testid={`pipeline-total-${c.stage.key}`}>{t('pipeline.total', { amount: money(c.amount) })}</span>
                  <span>{t('pipeline.weighted', { amount: money(c.weighted) })}</span>
                </div>
              </div>
              <div className="gx-board-cards">
                {c.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.empty')} />}
                {c.items.map((o) => (
                  <Card
                    key={o.id}
                    size="small"
                    className="gx-board-card"
                    hoverable
                    draggable={canWrite}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(dragType, o.id);
                      e.dataTransfer.setData('text/plain', o.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    onDragEnd={() => setOver(null)}
                    onClick={() => setEditing(o)}
                    data-testid={`opportunity-card-${o.id}`}
                  >
                    <div className="gx-board-card-title">
                      <Link to={`/opportunities/${o.id}`} className="gx-board-card-name" onClick={(e) => e.stopPropagation()} data-testid={`opportunity-open-${o.id}`}>
                        {o.name}
                      </Link>
                      {canWrite && (
                        // The keyboard's way to move a card: a menu of the other stages.
                        <Dropdown
                          trigger={['click']}
                          menu={{
                            items: board.columns.filter((x) => x.stage.key !== c.stage.key).map((x) => ({ key: x.stage.key, label: stageLabel(x.stage) })),
                            onClick: ({ key, domEvent }) => {
                              domEvent.stopPropagation();
                              void send(o.id, key, undefined, true);
                            },
                          }}
                        >
                          <Button
                            size="small"
                            type="text"
                            icon={<SwapOutlined />}
                            aria-label={t('pipeline.moveTo')}
                            title={t('pipeline.moveTo')}
                            onClick={(e) => e.stopPropagation()}
                            data-testid={`opportunity-move-${o.id}`}
                          />
                        </Dropdown>
                      )}
                    </div>
                    <div className="gx-board-card-account">{o.account_name}</div>
                    <div className="gx-board-card-line">
                      <Typography.Text strong>{money(o.amount)}</Typography.Text>
                      <Typography.Text type="secondary">{o.probability}%</Typography.Text>
                    </div>
                    <div className="gx-board-card-line">
                      <Typography.Text type="secondary">{t('pipeline.expectedClose', { date: o.expected_close })}</Typography.Text>
                      <Typography.Text type="secondary">
                        <UserName id={o.owner_id} />
                      </Typography.Text>
                    </div>
                  </Card>
                ))}
                {c.nextCursor && (
                  <Button block size="small" loading={loadingMore === c.stage.key} onClick={() => loadMore(c.stage.key, c.nextCursor!)}>
                    {t('common.loadMore')}
                  </Button>
                )}
              </div>
            </div>
          ))}
        </div>
      )}
      {view === 'board' && <ForecastCard owner={owner} />}
      <Modal
        open={reasonFor !== null}
        title={reasonCard ? t('pipeline.reasonTitle', { name: reasonCard.name, stage: reasonStage }) : reasonStage}
        onCancel={() => setReasonFor(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'pipeline-reason-ok' } as Record<string, string>}
        onOk={() => reasonForm.submit()}
        destroyOnHidden
      >
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={(v) => {
            const r = reasonFor;
            setReasonFor(null);
            if (r) void send(r.id, r.key, v.reason.trim(), true);
          }}
        >
          <Form.Item
            name="reason"
            label={t('field.win_loss_reason')}
            extra={t('pipeline.reasonHint')}
            rules={[{ required: true, whitespace: true, message: t('reason.required') }]}
          >
            <Input.TextArea maxLength={2000} rows={3} data-testid="pipeline-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <OpportunityFormDrawer open={adding} onClose={() => setAdding(false)} />
      <OpportunityFormDrawer open={editing !== undefined} opportunity={editing} onClose={() => setEditing(undefined)} />
    </div>
  );
}

/** The weighted open pipeline by month of expected close: the sales forecast. */
function ForecastCard({ owner }: { owner: string }) {
  const { t, locale } = useI18n();
  const forecast = useQuery({
    queryKey: [...keys.pipeline, 'forecast', owner],
    queryFn: () => call(api.GET('/api/v1/pipeline/forecast', { params: { query: { owner_id: owner || undefined } } })),
  });
  const money = (v: number) => formatMoney(v, 'CNY', locale);
  type Month = NonNullable<NonNullable<typeof forecast.data>['months']>[number];
  const option = useMemo(
    () => forecastChartOption(forecast.data?.months ?? null, { amount: t('pipeline.forecast.amount'), weighted: t('pipeline.forecast.weighted'), overdue: t('pipeline.forecast.overdue') }, money),
    [forecast.data, t],
  );
  return (
    <Card className="gx-card gx-mt" size="small" title={t('pipeline.forecast.title')} extra={<Typography.Text type="secondary">{t('pipeline.forecast.hint')}</Typography.Text>}>
      {forecast.isError ? (
        <Alert type="error" showIcon message={errorText(t, forecast.error)} />
      ) : (
        <>
        {(forecast.data?.months ?? []).length > 0 && <Chart option={option} label={t('pipeline.forecast.chart')} testId="pipeline-forecast-chart" className="gx-chart-forecast" />}
        <Table<Month>
          size="small"
          rowKey="month"
          loading={forecast.isLoading}
          pagination={false}
          data-testid="pipeline-forecast"
          dataSource={forecast.data?.months ?? []}
          locale={{ emptyText: t('pipeline.forecast.empty') }}
          columns={[
            {
              title: t('pipeline.forecast.month'),
              dataIndex: 'month',
              render: (m: string, r) => (
                <Space>
                  {m}
                  {r.overdue && <Tag color="red">{t('pipeline.forecast.overdue')}</Tag>}
                </Space>
              ),
            },
            { title: t('pipeline.forecast.count'), dataIndex: 'count', align: 'right' },
            { title: t('pipeline.forecast.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => money(v) },
            { title: t('pipeline.forecast.weighted'), dataIndex: 'weighted', align: 'right', render: (v: number) => <Typography.Text strong>{money(v)}</Typography.Text> },
          ]}
        />
        </>
      )}
    </Card>
  );
}
