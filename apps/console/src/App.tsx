import { lazy } from 'react';
import { Admin, CustomRoutes, Navigate, reactRouterProvider } from 'react-admin';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import LoginPage from './login/LoginPage';
import { darkTheme, lightTheme } from './theme/theme';
// Resources: one import and one <Resource> line each (see resources/README.md), e.g.
// import reports from './resources/reports';

const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const { Route } = reactRouterProvider;

/** The one wiring point of the console (DESIGN.md). */
export const App = () => (
  <Admin
    title="督办 Duban"
    requireAuth
    disableTelemetry
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    loginPage={LoginPage}
    dashboard={Dashboard}
    theme={lightTheme}
    darkTheme={darkTheme}
    defaultTheme="light"
  >
    {/* <Resource name="reports" {...reports} /> */}
    {/*
      react-admin treats an <Admin> with neither resources nor custom routes as empty and shows its
      placeholder instead of the dashboard; this alias keeps the dashboard up until the first resource.
    */}
    <CustomRoutes>
      <Route path="/dashboard" element={<Navigate to="/" replace />} />
    </CustomRoutes>
  </Admin>
);

export default App;
