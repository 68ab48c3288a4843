import { ApartmentOutlined, DisconnectOutlined, SyncOutlined } from '@ant-design/icons';
import { Empty, Tag, Tooltip, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { Contact } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { buildOrgTree, type OrgNode } from '../lib/orgChart';

const levelColor: Record<string, string> = { decision: 'red', management: 'gold', operational: 'blue' };

/** The account's org chart, from each contact's "reports to". */
export function OrgChart({ contacts }: { contacts: Contact[] }) {
  const { t } = useI18n();
  const data = useMemo(() => {
    const toData = (n: OrgNode<Contact>): DataNode => ({
      key: n.contact.id,
      title: (
        <span className="gx-org-node" data-testid="org-node">
          <Link to={`/contacts/${n.contact.id}`} className="gx-org-name">
            {n.contact.name}
          </Link>
          {n.contact.title && <Typography.Text type="secondary">{n.contact.title}</Typography.Text>}
          {n.contact.department && <Typography.Text type="secondary">· {n.contact.department}</Typography.Text>}
          <Tag color={levelColor[n.contact.level]} className="gx-tag-sm">
            {t(`level.${n.contact.level}`)}
          </Tag>
          <Tag className="gx-tag-sm">{t(`function.${n.contact.function}`)}</Tag>
          {n.cycle && (
            <Tooltip title={t('org.cycle')}>
              <Tag color="warning" icon={<SyncOutlined />} className="gx-tag-sm">
                {t('org.cycle')}
              </Tag>
            </Tooltip>
          )}
          {n.missingManager && (
            <Tooltip title={t('org.missingManager')}>
              <DisconnectOutlined className="gx-warn-icon" />
            </Tooltip>
          )}
        </span>
      ),
      children: n.children.map(toData),
    });
    return buildOrgTree(contacts).map(toData);
  }, [contacts, t]);

  if (contacts.length === 0) return <Empty description={t('org.empty')} />;
  return (
    <div data-testid="org-chart">
      <Typography.Paragraph type="secondary">
        <ApartmentOutlined /> {t('org.hint')}
      </Typography.Paragraph>
      <Tree treeData={data} defaultExpandAll showLine blockNode selectable={false} />
    </div>
  );
}
