import { InfoCircleOutlined } from '@ant-design/icons';
import { Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { roles } from '../../i18n/enums';
import { roleAccess, type Role } from '../../lib/roles';

const writeColor: Record<string, string> = { all: 'green', team: 'blue', own: 'cyan', finance: 'gold', none: 'default' };

/** What each role may see and change, for admins choosing a role. */
export function RolesGuide() {
  const { t, label } = useI18n();
  return (
    <div data-testid="roles-guide">
      <Typography.Title level={5} className="gx-subtitle">
        {t('user.rolesGuide')}
      </Typography.Title>
      <Table<{ role: Role }>
        rowKey="role"
        size="small"
        pagination={false}
        dataSource={roles.map((role) => ({ role }))}
        columns={[
          { key: 'role', title: t('user.role'), width: 120, render: (_, r) => <Typography.Text strong>{label('role', r.role)}</Typography.Text> },
          { key: 'desc', title: t('roles.desc'), render: (_, r) => label('roleDesc', r.role) },
          { key: 'read', title: t('roles.read'), width: 220, render: (_, r) => <Tag>{t(`roleRead.${roleAccess[r.role].read}`)}</Tag> },
          {
            key: 'write',
            title: t('roles.write'),
            width: 240,
            render: (_, r) => <Tag color={writeColor[roleAccess[r.role].write]}>{t(`roleWrite.${roleAccess[r.role].write}`)}</Tag>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" className="gx-mt">
        <InfoCircleOutlined /> {t('roles.profileNote')}
      </Typography.Paragraph>
    </div>
  );
}
