import { DeleteOutlined, RollbackOutlined, SearchOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Segmented, Space, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Entity } from '../../api/client';
import { useI18n } from '../../i18n/I18nProvider';
import { activeFilterCount, isAllowedSort, listParamNames, parseListParams, withParam, type ListParams } from '../../lib/listQuery';
import { errorText } from '../errorText';
import { Hidden } from '../Hidden';
import { ColumnPicker } from './ColumnPicker';
import { FilterPanel } from './Filters';
import { ListFooter } from './ListFooter';
import { SavedViews } from './SavedViews';
import { useListState } from './useListState';

export interface ListRecord {
  id: string;
  name: string;
  redacted?: string[] | null;
  deleted_at?: string;
}

export interface ColumnSpec<T> {
  key: string;
  title: string;
  render: (r: T) => ReactNode;
  width?: number;
}

interface Page<T> {
  items: T[] | null;
  next_cursor?: string;
  total?: number;
  total_capped?: boolean;
}

interface Props<T extends ListRecord> {
  entity: Entity;
  title: string;
  searchPlaceholder: string;
  columns: ColumnSpec<T>[];
  defaultColumns: string[];
  useList: (q: Record<string, unknown>) => UseQueryResult<Page<T>>;
  filters: (params: ListParams, set: (p: ListParams) => void) => { basic: ReactNode; more: ReactNode };
  /** The parameters the always-visible filters set. */
  basicParams: readonly string[];
  actions?: ReactNode;
  restore: (r: T) => Promise<unknown>;
  canRestore: boolean;
}

/**
 * A list of records: search, filters, server-side sort, keyset paging with
 * total, chosen columns, saved views and the recycle bin.
 */
export function ListPage<T extends ListRecord>(p: Props<T>) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const allKeys = p.columns.map((c) => c.key);
  const ls = useListState(p.entity, p.defaultColumns, allKeys);
  const list = p.useList(ls.apiQuery);
  const count = p.useList(ls.countQuery);
  const bin = ls.params.deleted === 'only';
  const sort = typeof ls.params.sort === 'string' ? ls.params.sort : '';
  const [search, setSearch] = useState((ls.params.q as string) ?? '');
  useEffect(() => setSearch((ls.params.q as string) ?? ''), [ls.params.q]);

  const set = (params: ListParams) => ls.setParams(params);

  const restore = async (r: T) => {
    try {
      await p.restore(r);
      message.success(t('common.restoredOk'));
      qc.invalidateQueries({ queryKey: [p.entity === 'account' ? 'accounts' : 'contacts'] });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const byKey = new Map(p.columns.map((c) => [c.key, c]));
  const columns: ColumnsType<T> = ls.columns
    .map((k) => byKey.get(k))
    .filter((c): c is ColumnSpec<T> => !!c)
    .map((c) => ({
      key: c.key,
      title: c.title,
      width: c.width,
      ellipsis: c.key !== 'name' && c.key !== 'tags',
      sorter: isAllowedSort(p.entity, c.key),
      sortOrder: sort === c.key ? 'ascend' : sort === `-${c.key}` ? 'descend' : null,
      sortDirections: ['ascend', 'descend'],
      render: (_: unknown, r: T) => (r.redacted?.includes(c.key) ? <Hidden /> : c.render(r)),
    }));
  if (bin) {
    columns.push({
      key: 'deleted_at',
      title: t('list.deletedAt'),
      width: 150,
      render: (_: unknown, r: T) => (r.deleted_at ? dayjs(r.deleted_at).format('YYYY-MM-DD HH:mm') : ''),
    });
    if (p.canRestore)
      columns.push({
        key: 'restore',
        title: t('common.actions'),
        width: 100,
        fixed: 'right',
        render: (_: unknown, r: T) => (
          <Button
            size="small"
            icon={<RollbackOutlined />}
            onClick={(e) => {
              e.stopPropagation();
              restore(r);
            }}
            data-testid="restore"
          >
            {t('common.restore')}
          </Button>
        ),
      });
  }

  const labelOf = (k: string) => byKey.get(k)?.title ?? k;
  const f = p.filters(ls.params, set);
  const page = list.data;

  return (
    <div className="gx-page">
      <div className="gx-page-head">
        <Typography.Title level={3} className="gx-page-title">
          {p.title}
        </Typography.Title>
        <Space>{p.actions}</Space>
      </div>
      <Card className="gx-card" styles={{ body: { paddingBottom: 8 } }}>
        <div className="gx-toolbar">
          <Space wrap>
            <Input.Search
              className="gx-search"
              allowClear
              enterButton={<SearchOutlined />}
              placeholder={p.searchPlaceholder}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(v) => set(withParam(ls.params, 'q', v.trim()))}
              data-testid="list-search"
            />
            <Segmented
              value={bin ? 'bin' : 'live'}
              onChange={(v) => set(withParam(ls.params, 'deleted', v === 'bin' ? 'only' : undefined))}
              options={[
                { value: 'live', label: t('list.active'), icon: <UnorderedListOutlined /> },
                { value: 'bin', label: t('list.recycleBin'), icon: <DeleteOutlined /> },
              ]}
              data-testid="recycle-toggle"
            />
          </Space>
          <Space wrap>
            <SavedViews
              entity={p.entity}
              query={ls.query}
              columns={ls.columns}
              viewId={ls.viewId}
              onPick={(v) => {
                if (!v) ls.setParams({}, null);
                else {
                  ls.setParams(parseListParams(p.entity, v.query), v.id);
                  if (v.columns?.length) ls.setColumns(v.columns);
                }
              }}
            />
            <ColumnPicker all={allKeys} value={ls.columns} onChange={ls.setColumns} labelOf={labelOf} />
          </Space>
        </div>
        <FilterPanel
          basic={f.basic}
          more={f.more}
          moreCount={activeFilterCount(ls.params, p.basicParams)}
          canClear={Object.keys(ls.params).some((k) => k !== 'sort' && listParamNames[p.entity].includes(k))}
          onClear={() => set(ls.params.sort ? { sort: ls.params.sort } : {})}
        />
        {list.isError && <Alert className="gx-mb" type="error" showIcon message={errorText(t, list.error)} />}
        {bin && <Alert className="gx-mb" type="info" showIcon icon={<DeleteOutlined />} message={t('list.recycleBinHint')} />}
        <Table<T>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          showSorterTooltip={false}
          rowClassName="gx-clickable"
          onRow={(r) => ({ onClick: () => navigate(`/${p.entity === 'account' ? 'accounts' : 'contacts'}/${r.id}`) })}
          onChange={(_, __, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T>;
            const key = String(s.columnKey ?? '');
            const next = s.order && key ? (s.order === 'descend' ? `-${key}` : key) : undefined;
            set(withParam(ls.params, 'sort', next));
          }}
          data-testid="list-table"
        />
        <ListFooter
          total={count.data?.total}
          capped={count.data?.total_capped}
          stack={ls.stack}
          nextCursor={page?.next_cursor}
          onNext={() => ls.next(page?.next_cursor)}
          onPrev={ls.prev}
          pageSize={ls.pageSize}
          onPageSize={ls.setPageSize}
          loading={list.isFetching}
        />
      </Card>
    </div>
  );
}
