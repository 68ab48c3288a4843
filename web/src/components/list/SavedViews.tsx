import { DeleteOutlined, EditOutlined, EyeOutlined, MoreOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Dropdown, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api, call, ifMatch, type Entity, type SavedView } from '../../api/client';
import { keys, useViews } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { sameList } from '../../lib/listQuery';
import { errorText } from '../errorText';

interface Props {
  entity: Entity;
  /** The list's current query string and columns. */
  query: string;
  columns: string[];
  viewId: string;
  /** Applies a view (or, with null, the unfiltered list). */
  onPick: (view: SavedView | null) => void;
}

/** Saved views of a list: pick, save the current setup, update, rename, delete. */
export function SavedViews({ entity, query, columns, viewId, onPick }: Props) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { views } = useViews(entity);
  const [naming, setNaming] = useState<null | { mode: 'create' | 'rename'; initial: string }>(null);
  const [busy, setBusy] = useState(false);
  const current = views.find((v) => v.id === viewId);
  const modified = !!current && (!sameList(entity, current.query, query) || (current.columns?.length ? current.columns.join() !== columns.join() : false));

  const refresh = () => qc.invalidateQueries({ queryKey: keys.views(entity) });

  const saveNew = async (name: string) => {
    const v = await call(api.POST('/api/v1/views', { body: { entity, name, query, columns } }));
    await refresh();
    onPick(v);
  };

  const update = async (view: SavedView, change: { name?: string; query?: string; columns?: string[] }) => {
    const v = await call(
      api.PATCH('/api/v1/views/{id}', {
        params: { path: { id: view.id }, header: { 'If-Match': ifMatch(view.version) } },
        body: { entity, name: change.name ?? view.name, query: change.query ?? view.query, columns: change.columns ?? view.columns ?? [] },
      }),
    );
    await refresh();
    return v;
  };

  const run = async (f: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await f();
      message.success(ok);
      return true;
    } catch (e) {
      message.error(errorText(t, e));
      await refresh();
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap>
      <Badge dot={modified} offset={[-4, 4]}>
        <Select
          className="gx-view-select"
          value={viewId || ''}
          onChange={(id) => onPick(views.find((v) => v.id === id) ?? null)}
          options={[{ value: '', label: t('list.allRecords') }, ...views.map((v) => ({ value: v.id, label: v.name }))]}
          suffixIcon={<EyeOutlined />}
          data-testid="view-select"
          aria-label={t('list.view')}
        />
      </Badge>
      {current && modified && (
        <Button loading={busy} onClick={() => run(() => update(current, { query, columns }), t('list.viewSaved'))}>
          {t('list.updateView')}
        </Button>
      )}
      <Button icon={<SaveOutlined />} onClick={() => setNaming({ mode: 'create', initial: '' })} data-testid="view-save">
        {t('list.saveView')}
      </Button>
      {current && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'rename', icon: <EditOutlined />, label: t('list.renameView') },
              { key: 'delete', icon: <DeleteOutlined />, label: t('list.deleteView'), danger: true },
            ],
            onClick: ({ key }) => {
              if (key === 'rename') setNaming({ mode: 'rename', initial: current.name });
              else
                modal.confirm({
                  title: t('list.confirmDeleteView', { name: current.name }),
                  okButtonProps: { danger: true },
                  okText: t('common.delete'),
                  cancelText: t('common.cancel'),
                  onOk: () =>
                    run(async () => {
                      await call(api.DELETE('/api/v1/views/{id}', { params: { path: { id: current.id } } }));
                      await refresh();
                      onPick(null);
                    }, t('list.viewDeleted')),
                });
            },
          }}
        >
          <Button icon={<MoreOutlined />} aria-label={t('common.more')} data-testid="view-more" />
        </Dropdown>
      )}
      <NameModal
        open={!!naming}
        initial={naming?.initial ?? ''}
        busy={busy}
        onCancel={() => setNaming(null)}
        onOk={async (name) => {
          const ok =
            naming?.mode === 'rename' && current
              ? await run(() => update(current, { name }), t('list.viewSaved'))
              : await run(() => saveNew(name), t('list.viewSaved'));
          if (ok) setNaming(null);
        }}
      />
    </Space>
  );
}

function NameModal({ open, initial, busy, onCancel, onOk }: { open: boolean; initial: string; busy: boolean; onCancel: () => void; onOk: (name: string) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Modal
      open={open}
      title={t('list.viewName')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onOk(v.name.trim())} preserve={false} initialValues={{ name: initial }}>
        <Form.Item name="name" label={t('list.viewName')} rules={[{ required: true, whitespace: true, message: t('reason.required') }, { max: 100, message: t('reason.too_long') }]}>
          <Input maxLength={100} autoFocus data-testid="view-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
