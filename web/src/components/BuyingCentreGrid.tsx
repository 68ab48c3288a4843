import { UserOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import { hasKey, type MessageKey } from '../i18n/messages';
import { contactFunctions, contactLevels } from '../i18n/enums';
import { buildBuyingCentre } from '../lib/buyingCentre';

/** A person placed in the grid; role and stance when on an opportunity. */
export interface GridPerson {
  id: string;
  name: string;
  title?: string;
  concerns?: string;
  level: string;
  function: string;
  role?: string;
  stance?: string;
}

const stanceColor: Record<string, string> = { supporter: 'green', neutral: 'default', opponent: 'red' };

/**
 * The buying centre: levels (rows) by functions (columns), who sits in
 * each cell, and empty cells marked as gaps to work on. On an opportunity
 * the server's gaps are passed in (they are computed there, once) and each
 * person shows their buying role and stance.
 */
export function BuyingCentreGrid({ contacts, gaps }: { contacts: GridPerson[]; gaps?: { level: string; function: string }[] }) {
  const { t } = useI18n();
  const bc = buildBuyingCentre(contacts);
  if (gaps) bc.gaps = gaps as typeof bc.gaps;
  return (
    <div>
      <div className="gx-bc-summary">
        <Typography.Text type="secondary">{t('bc.hint')}</Typography.Text>
        {bc.gaps.length ? (
          <Tag color="error" icon={<WarningOutlined />} data-testid="bc-gap-count">
            {t('bc.gaps', { n: bc.gaps.length })}
          </Tag>
        ) : (
          <Tag color="success">{t('bc.noGaps')}</Tag>
        )}
      </div>
      <div className="gx-bc-grid" role="table" aria-label={t('bc.title')} data-testid="buying-centre">
        <div className="gx-bc-corner" role="columnheader">
          {t('bc.levelFunction')}
        </div>
        {contactFunctions.map((f) => (
          <div key={f} className="gx-bc-colhead" role="columnheader">
            {t(`function.${f}`)}
          </div>
        ))}
        {contactLevels.map((l) => (
          <div key={l} className="gx-bc-row" role="row">
            <div className="gx-bc-rowhead" role="rowheader">
              {t(`level.${l}`)}
            </div>
            {contactFunctions.map((f) => {
              const people = bc.cells[l][f];
              return (
                <div key={f} role="cell" className={people.length ? 'gx-bc-cell' : 'gx-bc-cell gx-bc-gap'} data-testid={`bc-${l}-${f}`}>
                  {people.length === 0 ? (
                    <span className="gx-bc-gap-label">
                      <WarningOutlined /> {t('bc.gap')}
                    </span>
                  ) : (
                    people.map((c) => (
                      <Tooltip key={c.id} title={c.concerns || undefined}>
                        <Link to={`/contacts/${c.id}`} className="gx-bc-person">
                          <UserOutlined /> <span className="gx-bc-name">{c.name}</span>
                          {c.title && <span className="gx-bc-title">{c.title}</span>}
                          {c.role && hasKey(`buyingRole.${c.role}`) && <Tag className="gx-bc-role">{t(`buyingRole.${c.role}` as MessageKey)}</Tag>}
                          {c.stance && hasKey(`stance.${c.stance}`) && <Tag color={stanceColor[c.stance]}>{t(`stance.${c.stance}` as MessageKey)}</Tag>}
                        </Link>
                      </Tooltip>
                    ))
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
