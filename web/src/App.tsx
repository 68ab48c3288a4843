import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin, theme } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { cspNonce } from './csp';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { AppLayout } from './layout/AppLayout';
import { AccountPage } from './pages/AccountPage';
import { AccountsPage } from './pages/AccountsPage';
import { ContactPage } from './pages/ContactPage';
import { ContactsPage } from './pages/ContactsPage';
import { LoginPage } from './pages/LoginPage';
import { MyAccountPage } from './pages/MyAccountPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrdersPage } from './pages/OrdersPage';
import { OpportunityPage } from './pages/OpportunityPage';
import { PipelinePage } from './pages/PipelinePage';
import { PoolPage } from './pages/PoolPage';
import { CompetitorsPage } from './pages/CompetitorsPage';
import { TargetsPage } from './pages/TargetsPage';
import { ProductsPage } from './pages/ProductsPage';
import { SettingsPage } from './pages/SettingsPage';
import { TodoPage } from './pages/TodoPage';

// The analytics page carries the charting library; it loads on first visit.
const AnalyticsPage = lazy(() => import('./pages/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 15_000, refetchOnWindowFocus: false },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed>
          <AuthProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route element={<RequireSession />}>
                  <Route index element={<Navigate to="/accounts" replace />} />
                  <Route path="/accounts" element={<AccountsPage />} />
                  <Route path="/accounts/:id" element={<AccountPage />} />
                  <Route path="/contacts" element={<ContactsPage />} />
                  <Route path="/contacts/:id" element={<ContactPage />} />
                  <Route path="/orders" element={<OrdersPage />} />
                  <Route path="/pipeline" element={<PipelinePage />} />
                  <Route path="/opportunities/:id" element={<OpportunityPage />} />
                  <Route path="/pool" element={<PoolPage />} />
                  <Route path="/competitors" element={<CompetitorsPage />} />
                  <Route path="/targets" element={<TargetsPage />} />
                  <Route path="/products" element={<ProductsPage />} />
                  <Route
                    path="/analytics"
                    element={
                      <Suspense fallback={<Spin className="gx-page-spin" size="large" />}>
                        <AnalyticsPage />
                      </Suspense>
                    }
                  />
                  <Route path="/todo" element={<TodoPage />} />
                  <Route path="/settings" element={<SettingsPage />} />
                  <Route path="/me" element={<MyAccountPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </Themed>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Themed({ children }: { children: React.ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      csp={cspNonce ? { nonce: cspNonce } : undefined}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1668dc', borderRadius: 4, fontSize: 14 },
        components: { Layout: { headerBg: '#fff', siderBg: '#001529' } },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Shows the app to signed-in users and sends everyone else to the login page. */
function RequireSession() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return (
      <div className="gx-fullscreen-center">
        <Spin size="large" />
      </div>
    );
  }
  if (status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <AppLayout />;
}
