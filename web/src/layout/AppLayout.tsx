import { AimOutlined, AppstoreOutlined, BarChartOutlined, CheckSquareOutlined, ContactsOutlined, DownOutlined, FileTextOutlined, FlagOutlined, FunnelPlotOutlined, GlobalOutlined, IdcardOutlined, InboxOutlined, LogoutOutlined, SettingOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../api/client';
import { useAuth, useMe } from '../auth/AuthProvider';
import { TodoBell } from '../components/TodoBell';
import { useI18n } from '../i18n/I18nProvider';
import { locales, type Locale } from '../i18n/messages';
import { canUsePool } from '../lib/pool';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const me = useMe();
  const section = menuSection(location.pathname);

  return (
    <Layout className="gx-shell">
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
        <div className="gx-logo" role="banner">
          <span className="gx-logo-mark">关</span>
          {!collapsed && <span className="gx-logo-text">{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[section]}
          defaultOpenKeys={['customers']}
          onClick={(e) => navigate(e.key)}
          items={[
            {
              key: 'customers',
              type: 'group',
              label: collapsed ? null : t('nav.customers'),
              children: [
                { key: '/todo', icon: <CheckSquareOutlined />, label: <span data-testid="nav-todo">{t('nav.todo')}</span> },
                { key: '/accounts', icon: <ShopOutlined />, label: t('nav.accounts') },
                { key: '/contacts', icon: <ContactsOutlined />, label: t('nav.contacts') },
                { key: '/pipeline', icon: <FunnelPlotOutlined />, label: <span data-testid="nav-pipeline">{t('nav.pipeline')}</span> },
                ...(canUsePool(me.user.role) ? [{ key: '/pool', icon: <InboxOutlined />, label: <span data-testid="nav-pool">{t('nav.pool')}</span> }] : []),
                { key: '/competitors', icon: <AimOutlined />, label: <span data-testid="nav-competitors">{t('nav.competitors')}</span> },
                ...(['admin', 'manager', 'sales'].includes(me.user.role) ? [{ key: '/targets', icon: <FlagOutlined />, label: <span data-testid="nav-targets">{t('nav.targets')}</span> }] : []),
                { key: '/orders', icon: <FileTextOutlined />, label: <span data-testid="nav-orders">{t('nav.orders')}</span> },
                { key: '/products', icon: <AppstoreOutlined />, label: <span data-testid="nav-products">{t('nav.products')}</span> },
                { key: '/analytics', icon: <BarChartOutlined />, label: <span data-testid="nav-analytics">{t('nav.analytics')}</span> },
              ],
            },
            ...(me.permissions.admin
              ? [
                  {
                    key: 'admin',
                    type: 'group' as const,
                    label: collapsed ? null : t('nav.admin'),
                    children: [{ key: '/settings', icon: <SettingOutlined />, label: <span data-testid="nav-settings">{t('nav.settings')}</span> }],
                  },
                ]
              : []),
          ]}
        />
      </Sider>
      <Layout>
        <Header className="gx-header">
          <Typography.Text type="secondary" className="gx-header-tagline">
            {t('app.tagline')}
          </Typography.Text>
          <Space size="large">
            <TodoBell />
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Header>
        <Content className="gx-content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}

/** The menu entry of a path; pages outside the menu select nothing. */
function menuSection(path: string): string {
  for (const p of ['/todo', '/accounts', '/contacts', '/pipeline', '/competitors', '/targets', '/pool', '/orders', '/products', '/analytics', '/settings']) if (path === p || path.startsWith(`${p}/`)) return p;
  return '';
}

/** Switches the language and remembers it for the user on the server. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const { me, setUser } = useAuth();
  const { message } = App.useApp();
  const choose = async (l: Locale) => {
    if (l === locale) return;
    setLocale(l);
    if (me) {
      try {
        setUser(await call(api.PATCH('/api/v1/me', { body: { locale: l } })));
      } catch {
        message.warning(t('error.unknown'));
      }
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: locales.map((l) => ({ key: l, label: t(`lang.${l}`) })),
        onClick: (e) => choose(e.key as Locale),
      }}
    >
      <a className="gx-header-action" data-testid="language-switch" aria-label={t('header.language')} onClick={(e) => e.preventDefault()}>
        <GlobalOutlined /> {t(`lang.${locale}`)} <DownOutlined className="gx-caret" />
      </a>
    </Dropdown>
  );
}

function UserMenu() {
  const me = useMe();
  const { logout } = useAuth();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <div className="gx-user-card">
                <div>{me.user.name}</div>
                <Typography.Text type="secondary">{me.user.email}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{label('role', me.user.role)}</Typography.Text>
                </div>
              </div>
            ),
          },
          { type: 'divider' },
          { key: 'me', icon: <IdcardOutlined />, label: <span data-testid="nav-my-account">{t('header.myAccount')}</span> },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
        ],
        onClick: async (e) => {
          if (e.key === 'me') navigate('/me');
          if (e.key === 'logout') {
            await logout();
            navigate('/login');
          }
        },
      }}
    >
      <a className="gx-header-action" data-testid="user-menu" onClick={(e) => e.preventDefault()}>
        <Avatar size="small" icon={<UserOutlined />} className="gx-avatar" />
        <span>{me.user.name}</span>
        <DownOutlined className="gx-caret" />
      </a>
    </Dropdown>
  );
}
