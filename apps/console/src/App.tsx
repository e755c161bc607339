import { lazy } from 'react';
import { Admin, CanAccess, CustomRoutes, Resource, reactRouterProvider } from 'react-admin';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import LoginPage from './login/LoginPage';
import { darkTheme, lightTheme } from './theme/theme';
import assignments from './resources/assignments';
import reports, { AcceptanceQueue, ConfirmQueue, ReviewQueue } from './resources/reports';
import notifications from './resources/notifications';
import escalations, { OverdueBoard } from './resources/escalations';
import planItems from './resources/plan-items';
import users from './resources/users';
import orgUnits from './resources/org-units';
import auditEvents from './resources/audit-events';
import bulletins from './resources/bulletins';
import plans from './resources/plans';
import indicators from './resources/indicators';
import indicatorValues from './resources/indicator-values';
import { SettingsPage } from './resources/settings';
import { CalendarPage } from './resources/calendar';
import { DownloadsPage } from './resources/exports';
import { EvaluationPage } from './resources/evaluations';

const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const { Route } = reactRouterProvider;

/** The one wiring point of the console (DESIGN.md). Custom pages are guarded by the same ability as the menu. */
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
    <Resource name="assignments" {...assignments} />
    <Resource name="reports" {...reports} />
    <Resource name="notifications" {...notifications} />
    <Resource name="escalations" {...escalations} />
    <Resource name="plan-items" {...planItems} />
    <Resource name="users" {...users} />
    <Resource name="org-units" {...orgUnits} />
    <Resource name="audit-events" {...auditEvents} />
    <Resource name="bulletins" {...bulletins} />
    <Resource name="plans" {...plans} />
    <Resource name="indicators" {...indicators} />
    <Resource name="indicator-values" {...indicatorValues} />
    <Resource name="glossary-terms" />
    <CustomRoutes>
      <Route
        path="/queues/confirm"
        element={
          <CanAccess action="confirm" resource="reports">
            <ConfirmQueue />
          </CanAccess>
        }
      />
      <Route
        path="/queues/review"
        element={
          <CanAccess action="approve" resource="reports">
            <ReviewQueue />
          </CanAccess>
        }
      />
      <Route
        path="/queues/acceptance"
        element={
          <CanAccess action="accept" resource="reports">
            <AcceptanceQueue />
          </CanAccess>
        }
      />
      <Route
        path="/overdue"
        element={
          <CanAccess action="create" resource="escalations">
            <OverdueBoard />
          </CanAccess>
        }
      />
      <Route
        path="/evaluations"
        element={
          <CanAccess action="read" resource="evaluations">
            <EvaluationPage />
          </CanAccess>
        }
      />
      <Route
        path="/downloads"
        element={
          <CanAccess action="export" resource="exports">
            <DownloadsPage />
          </CanAccess>
        }
      />
      <Route
        path="/settings"
        element={
          <CanAccess action="update" resource="settings">
            <SettingsPage />
          </CanAccess>
        }
      />
      <Route
        path="/calendar"
        element={
          <CanAccess action="update" resource="calendar">
            <CalendarPage />
          </CanAccess>
        }
      />
    </CustomRoutes>
  </Admin>
);

export default App;
