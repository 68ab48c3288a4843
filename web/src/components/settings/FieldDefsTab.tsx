import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, call, type Entity, type FieldDefinition } from '../../api/client';
import { keys, useFieldDefinitions } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { ErrorState } from '../ErrorState';
import { errorText } from '../errorText';
import { Empty } from '../Hidden';
import { FieldDefFormDrawer } from './FieldDefFormDrawer';

const shownOptions = 6;

/** The custom fields of accounts and of contacts. */
export function FieldDefsTab() {
  const { t, label } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const entity: Entity = sp.get('entity') === 'contact' ? 'contact' : 'account';
  const { defs, isLoading, isError, error, refetch } = useFieldDefinitions(entity);
  const [drawer, setDrawer] = useState<{ open: boolean; def?: FieldDefinition }>({ open: false });

  const pick = (e: Entity) => {
    const next = new URLSearchParams(sp);
    if (e === 'account') next.delete('entity');
    else next.set('entity', e);
    setSp(next, { replace: true });
  };

  const remove = (d: FieldDefinition) =>
    modal.confirm({
      title: t('cf.confirmDelete', { label: d.label }),
      content: t('cf.deleteDesc', { key: d.key }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/field-definitions/{id}', { params: { path: { id: d.id } } }));
          message.success(t('cf.deletedOk'));
        } catch (e) {
          message.error(errorText(t, e));
        } finally {
          qc.invalidateQueries({ queryKey: keys.fieldDefs(d.entity) });
        }
      },
    });

  return (
    <div>
      <div className="gx-toolbar">
        <Space wrap>
          <Segmented<Entity>
            value={entity}
            onChange={pick}
            options={[
              { value: 'account', label: t('nav.accounts') },
              { value: 'contact', label: t('nav.contacts') },
            ]}
            data-testid="cf-entity"
          />
          <Typography.Text type="secondary">{t('cf.hint')}</Typography.Text>
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('cf.count', { n: defs.length })}</Typography.Text>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ open: true })} data-testid="cf-new">
            {t('cf.new')}
          </Button>
        </Space>
      </div>
      {isError ? (
        <ErrorState error={error} backTo="/accounts" onRetry={() => refetch()} />
      ) : (
        <Table<FieldDefinition>
          rowKey="id"
          size="middle"
          loading={isLoading}
          dataSource={defs}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('cf.empty') }}
          data-testid="cf-table"
          columns={[
            { key: 'label', title: t('cf.label'), render: (_, d) => <span className="gx-strong-link">{d.label}</span> },
            { key: 'key', title: t('cf.key'), render: (_, d) => <span className="gx-mono">{d.key}</span> },
            { key: 'type', title: t('cf.type'), render: (_, d) => label('fieldType', d.type) },
            {
              key: 'options',
              title: t('cf.options'),
              render: (_, d) =>
                d.options?.length ? (
                  <span>
                    {d.options.slice(0, shownOptions).map((o) => (
                      <Tag key={o}>{o}</Tag>
                    ))}
                    {d.options.length > shownOptions && <Typography.Text type="secondary">+{d.options.length - shownOptions}</Typography.Text>}
                  </span>
                ) : (
                  <Empty />
                ),
            },
            { key: 'required', title: t('cf.required'), render: (_, d) => (d.required ? <Tag color="orange">{t('common.yes')}</Tag> : t('common.no')) },
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right',
              render: (_, d) => (
                <Space size="small">
                  <Button size="small" icon={<EditOutlined />} onClick={() => setDrawer({ open: true, def: d })} data-testid={`cf-edit-${d.key}`}>
                    {t('common.edit')}
                  </Button>
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(d)} data-testid={`cf-delete-${d.key}`}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <FieldDefFormDrawer open={drawer.open} entity={entity} def={drawer.def} onClose={() => setDrawer((d) => ({ ...d, open: false }))} />
    </div>
  );
}
