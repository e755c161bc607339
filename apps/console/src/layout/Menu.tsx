import LeaderboardIcon from '@mui/icons-material/Leaderboard';
import QueryStatsIcon from '@mui/icons-material/QueryStats';
import TimelineIcon from '@mui/icons-material/Timeline';
import type { ReactElement } from 'react';
import { Badge } from '@mui/material';
import DashboardIcon from '@mui/icons-material/Dashboard';
import AssignmentIcon from '@mui/icons-material/AssignmentTurnedIn';
import InboxIcon from '@mui/icons-material/Inbox';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import RuleIcon from '@mui/icons-material/Rule';
import VerifiedIcon from '@mui/icons-material/Verified';
import SummarizeIcon from '@mui/icons-material/Summarize';
import CampaignIcon from '@mui/icons-material/Campaign';
import WarningIcon from '@mui/icons-material/WarningAmber';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import PeopleIcon from '@mui/icons-material/People';
import ApartmentIcon from '@mui/icons-material/Apartment';
import SettingsIcon from '@mui/icons-material/Settings';
import EventIcon from '@mui/icons-material/Event';
import HistoryIcon from '@mui/icons-material/History';
import DownloadIcon from '@mui/icons-material/Download';
import ArticleIcon from '@mui/icons-material/Article';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Menu as RaMenu } from 'react-admin';
import type { Action, AppAbility, Subject } from '@duban/permissions';
import { useAbility } from '../providers/ability';
import { useUnreadCount } from './useUnreadCount';

interface Entry {
  to: string;
  label: string;
  icon: ReactElement;
  /** The ability check that shows the entry (the same rules the API enforces). */
  can: [Action, Subject];
}

/** One list of entries; each shows when the shared ability allows it, never by role name. */
const ENTRIES: Entry[] = [
  { to: '/assignments', label: 'duban.menu.my_work', icon: <AssignmentIcon />, can: ['read', 'Assignment'] },
  { to: '/queues/confirm', label: 'duban.menu.confirm_queue', icon: <FactCheckIcon />, can: ['confirm', 'Report'] },
  { to: '/queues/review', label: 'duban.menu.review_queue', icon: <RuleIcon />, can: ['approve', 'Report'] },
  { to: '/queues/acceptance', label: 'duban.menu.acceptance_queue', icon: <VerifiedIcon />, can: ['accept', 'Report'] },
  { to: '/overdue', label: 'duban.menu.overdue_board', icon: <WarningIcon />, can: ['create', 'Escalation'] },
  { to: '/reports', label: 'duban.menu.reports', icon: <SummarizeIcon />, can: ['read', 'Report'] },
  { to: '/escalations', label: 'duban.menu.escalations', icon: <CampaignIcon />, can: ['read', 'Escalation'] },
  { to: '/plan-items', label: 'duban.menu.plan_browser', icon: <AccountTreeIcon />, can: ['read', 'PlanItem'] },
  { to: '/indicators', label: 'duban.menu.indicators', icon: <QueryStatsIcon />, can: ['read', 'Indicator'] },
  { to: '/indicator-values', label: 'duban.menu.indicator_values', icon: <TimelineIcon />, can: ['read', 'IndicatorValue'] },
  { to: '/evaluations', label: 'duban.menu.evaluations', icon: <LeaderboardIcon />, can: ['read', 'Evaluation'] },
  { to: '/plans', label: 'duban.menu.plan_import', icon: <UploadFileIcon />, can: ['import', 'Plan'] },
  { to: '/bulletins', label: 'duban.menu.bulletins', icon: <ArticleIcon />, can: ['read', 'Bulletin'] },
  { to: '/downloads', label: 'duban.menu.downloads', icon: <DownloadIcon />, can: ['export', 'Export'] },
  { to: '/audit-events', label: 'duban.menu.audit', icon: <HistoryIcon />, can: ['read', 'AuditEvent'] },
  { to: '/users', label: 'duban.menu.users', icon: <PeopleIcon />, can: ['create', 'User'] },
  { to: '/org-units', label: 'duban.menu.org_units', icon: <ApartmentIcon />, can: ['create', 'OrgUnit'] },
  { to: '/settings', label: 'duban.menu.settings', icon: <SettingsIcon />, can: ['update', 'Setting'] },
  { to: '/calendar', label: 'duban.menu.calendar', icon: <EventIcon />, can: ['update', 'Calendar'] },
];

export function menuEntries(ability: AppAbility): Entry[] {
  return ENTRIES.filter((e) => ability.can(...e.can));
}

export const Menu = () => {
  const ability = useAbility();
  const unread = useUnreadCount();
  return (
    <RaMenu>
      <RaMenu.Item to="/" primaryText="duban.menu.dashboard" leftIcon={<DashboardIcon />} />
      {ability.can('read', 'Notification') && (
        <RaMenu.Item
          to="/notifications"
          primaryText="duban.menu.inbox"
          leftIcon={
            <Badge variant="dot" invisible={unread === 0} color="error">
              <InboxIcon />
            </Badge>
          }
        />
      )}
      {menuEntries(ability).map((e) => (
        <RaMenu.Item key={e.to} to={e.to} primaryText={e.label} leftIcon={e.icon} />
      ))}
    </RaMenu>
  );
};
