import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call, ifMatch, type Team } from '../../api/client';
import type { NamePath } from '../../api/errors';
import { keys, useTeams } from '../../api/queries';
import { useI18n } from '../../i18n/I18nProvider';
import { teamWithDescendants } from '../../lib/teamTree';
import { FormBanner } from '../FormBanner';
import { useApiFormErrors } from '../useApiFormErrors';
import { TeamTreeSelect } from './TeamTreeSelect';

interface Props {
  open: boolean;
  /** The team to rename or move; none to add one. */
  team?: Team;
  /** The parent a new team starts under. */
  parentId?: string;
  onClose: () => void;
}

interface TeamFormValues {
  name: string;
  parent_id?: string;
}

const teamField = (f: string): NamePath | undefined => (f === 'name' || f === 'parent_id' ? [f] : undefined);

/** Adds, renames or moves a team. */
export function TeamFormModal({ open, team, parentId, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { teams } = useTeams();
  const [form] = Form.useForm<TeamFormValues>();
  const errors = useApiFormErrors(form, teamField);
  const [base, setBase] = useState<Team | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const { setBanner } = errors;
  // A team cannot move under itself or under a team below it.
  const excluded = useMemo(() => (team ? teamWithDescendants(teams, team.id) : undefined), [teams, team]);

  const fill = (x?: Team) => {
    form.resetFields();
    form.setFieldsValue(x ? { name: x.name, parent_id: x.parent_id || undefined } : { name: '', parent_id: parentId });
  };

  useEffect(() => {
    if (!open) return;
    setBase(team);
    setBanner(null);
    fill(team);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const reload = async () => {
    if (!team) return;
    setReloading(true);
    try {
      const all = await qc.fetchQuery({ queryKey: keys.teams, queryFn: () => call(api.GET('/api/v1/teams')), staleTime: 0 });
      const fresh = (all ?? []).find((x) => x.id === team.id);
      if (!fresh) {
        onClose();
        return;
      }
      setBase(fresh);
      fill(fresh);
      setBanner(null);
    } catch (e) {
      errors.handle(e);
    } finally {
      setReloading(false);
    }
  };

  const submit = async (v: TeamFormValues) => {
    setSaving(true);
    setBanner(null);
    try {
      const body = { name: v.name.trim(), parent_id: v.parent_id || '' };
      if (base) {
        if (body.name !== base.name || body.parent_id !== (base.parent_id || '')) {
          await call(api.PATCH('/api/v1/teams/{id}', { params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } }, body }));
        }
      } else {
        await call(api.POST('/api/v1/teams', { body: body.parent_id ? body : { name: body.name } }));
      }
      // Managers' reach follows the hierarchy: users' pages may show other records now.
      qc.invalidateQueries({ queryKey: keys.teams });
      message.success(base ? t('common.savedOk') : t('common.createdOk'));
      onClose();
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };

  const conflict = errors.banner?.kind === 'conflict';
  return (
    <Modal
      open={open}
      title={team ? t('team.edit') : parentId ? t('team.newSub') : t('team.new')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} disabled={conflict} onClick={() => form.submit()} data-testid="team-save">
          {t('common.save')}
        </Button>,
      ]}
      maskClosable={false}
      destroyOnHidden
    >
      <FormBanner banner={errors.banner} onReload={reload} reloading={reloading} />
      <Form<TeamFormValues> form={form} layout="vertical" onFinish={submit} disabled={conflict} data-testid="team-form">
        <Form.Item name="name" label={t('team.name')} rules={[{ required: true, whitespace: true, message: t('reason.required') }, { max: 100, message: t('reason.too_long') }]}>
          <Input maxLength={100} autoFocus data-testid="team-name" />
        </Form.Item>
        <Form.Item name="parent_id" label={t('team.parent')} extra={team ? t('team.parentHint') : undefined}>
          <TeamTreeSelect placeholder={t('team.noParent')} disabledIds={excluded} data-testid="team-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
