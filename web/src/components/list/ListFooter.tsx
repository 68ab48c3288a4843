import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTotal, hasPrevious, pageNumber, type CursorStack } from '../../lib/cursorStack';
import { pageSizes } from './useListState';

/** Keyset pagination: total, previous/next and page size. */
export function ListFooter(props: {
  total?: number;
  capped?: boolean;
  stack: CursorStack;
  nextCursor?: string;
  onNext: () => void;
  onPrev: () => void;
  pageSize: number;
  onPageSize: (n: number) => void;
  loading?: boolean;
}) {
  const { t, locale } = useI18n();
  const totalText = (total: number | undefined, capped: boolean | undefined) => {
    const n = formatTotal(total, capped, locale);
    if (n !== null) return t('list.total', { total: n });
    return capped ? t('list.totalMany') : '';
  };
  return (
    <div className="gx-list-footer">
      <Typography.Text type="secondary" data-testid="list-total">
        {totalText(props.total, props.capped)}
      </Typography.Text>
      <Space>
        <Button icon={<LeftOutlined />} disabled={!hasPrevious(props.stack) || props.loading} onClick={props.onPrev} data-testid="page-prev">
          {t('list.prev')}
        </Button>
        <Typography.Text data-testid="page-number">{t('list.pageN', { page: pageNumber(props.stack) })}</Typography.Text>
        <Button disabled={!props.nextCursor || props.loading} onClick={props.onNext} data-testid="page-next">
          {t('list.next')} <RightOutlined />
        </Button>
        <Select
          value={props.pageSize}
          onChange={props.onPageSize}
          options={pageSizes.map((n) => ({ value: n, label: t('list.pageSize', { n }) }))}
          className="gx-page-size"
        />
      </Space>
    </div>
  );
}
