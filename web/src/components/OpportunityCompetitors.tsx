import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../api/client';
import { competitorKeys, useCompetitorOptions, useInPlay, type OpportunityCompetitor } from '../api/competitors';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { errorText } from './errorText';

/** The competitors in play on an opportunity: tags to remove, a picker to add. */
export function OpportunityCompetitors({ opportunityId }: { opportunityId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const qc = useQueryClient();
  const inPlay = useInPlay(opportunityId);
  const options = useCompetitorOptions();
  const [picked, setPicked] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const canWrite = me.permissions.opportunities.write !== 'none';

  const refresh = () => {
    qc.invalidateQueries({ queryKey: competitorKeys.inPlay(opportunityId) });
    qc.invalidateQueries({ queryKey: competitorKeys.worksheet(opportunityId) });
    qc.invalidateQueries({ queryKey: competitorKeys.report });
  };
  const add = async () => {
    if (!picked) return;
    setBusy(true);
    try {
      await call(api.POST('/api/v1/opportunities/{id}/competitors', { params: { path: { id: opportunityId } }, body: { competitor_id: picked } }));
      message.success(t('competitor.inPlay.added'));
      setPicked(undefined);
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
      refresh();
    }
  };
  const remove = async (k: OpportunityCompetitor) => {
    try {
      await call(api.DELETE('/api/v1/opportunities/{id}/competitors/{competitor_id}', { params: { path: { id: opportunityId, competitor_id: k.competitor_id } } }));
      message.success(t('competitor.inPlay.removed', { name: k.competitor_name }));
    } catch (e) {
      message.error(errorText(t, e));
    }
    refresh();
  };

  if (inPlay.isError) return <Alert type="error" showIcon message={errorText(t, inPlay.error)} />;
  const present = new Set((inPlay.data ?? []).map((k) => k.competitor_id));
  const choices = (options.data?.items ?? []).filter((k) => !present.has(k.id)).map((k) => ({ value: k.id, label: k.name }));

  return (
    <div data-testid="opportunity-competitors">
      <Space wrap className="gx-mb">
        {(inPlay.data ?? []).length === 0 && !inPlay.isLoading && <Typography.Text type="secondary">{t('competitor.inPlay.empty')}</Typography.Text>}
        {(inPlay.data ?? []).map((k) => (
          <Tag key={k.competitor_id} color={k.competitor_deleted ? 'default' : 'volcano'} closable={canWrite} onClose={(e) => { e.preventDefault(); void remove(k); }} data-testid="in-play-tag">
            <Link to={`/competitors?open=${k.competitor_id}`}>{k.competitor_name}</Link>
          </Tag>
        ))}
      </Space>
      {canWrite && (
        <Space.Compact style={{ display: 'flex', maxWidth: 420 }}>
          <Select
            showSearch
            optionFilterProp="label"
            value={picked}
            onChange={setPicked}
            placeholder={t('competitor.inPlay.pick')}
            options={choices}
            loading={options.isLoading}
            style={{ flex: 1 }}
            data-testid="in-play-select"
          />
          <Button type="primary" icon={<PlusOutlined />} disabled={!picked} loading={busy} onClick={add} data-testid="in-play-add">
            {t('competitor.inPlay.add')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
