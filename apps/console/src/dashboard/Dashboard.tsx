import { Box, Card, CardContent, CardHeader, Chip, Grid, Stack, Typography } from '@mui/material';
import { Link, Title, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { useAbility } from '../providers/ability';

/** A count the API gives as a list's total (Content-Range), opening that list. */
const Tile = ({ label, to, resource, filter }: { label: string; to: string; resource: string; filter: Record<string, unknown> }) => {
  const translate = useTranslate();
  const sort = resource === 'reports' ? 'waitingSince' : resource === 'assignments' ? 'deadline' : 'createdAt';
  const { total } = useGetList(resource, { filter, pagination: { page: 1, perPage: 1 }, sort: { field: sort, order: 'ASC' } });
  return (
    <Card
      variant="outlined"
      component={Link}
      to={to}
      sx={{ display: 'block', textDecoration: 'none', height: '100%' }}
      data-testid={`tile-${label}`}
    >
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {translate(label)}
        </Typography>
        <Typography variant="h4" data-testid="tile-value">
          {total ?? '…'}
        </Typography>
      </CardContent>
    </Card>
  );
};

const q = (filter: Record<string, unknown>) => `?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** The day's work for this user: counts of what the queues and lists hold, shown per the ability. */
const Work = () => {
  const ability = useAbility();
  const tiles: { label: string; to: string; resource: string; filter: Record<string, unknown> }[] = [];
  if (ability.can('read', 'Assignment')) {
    tiles.push(
      { label: 'duban.dashboard_page.total', to: '/assignments', resource: 'assignments', filter: {} },
      {
        label: 'duban.dashboard_page.overdue',
        to: `/assignments${q({ overdue: true })}`,
        resource: 'assignments',
        filter: { overdue: true },
      },
      {
        label: 'duban.dashboard_page.completed',
        to: `/assignments${q({ status: 'completed' })}`,
        resource: 'assignments',
        filter: { status: 'completed' },
      },
    );
  }
  if (ability.can('submit', 'Report'))
    tiles.push({
      label: 'duban.reportStatus.returned',
      to: `/reports${q({ status: 'returned' })}`,
      resource: 'reports',
      filter: { status: 'returned' },
    });
  if (ability.can('confirm', 'Report'))
    tiles.push({ label: 'duban.menu.confirm_queue', to: '/queues/confirm', resource: 'reports', filter: { status: 'submitted' } });
  if (ability.can('approve', 'Report'))
    tiles.push({ label: 'duban.menu.review_queue', to: '/queues/review', resource: 'reports', filter: { status: 'confirmed' } });
  if (ability.can('accept', 'Report'))
    tiles.push({
      label: 'duban.dashboard_page.awaiting_acceptance',
      to: '/queues/acceptance',
      resource: 'reports',
      filter: { status: 'approved', final: true },
    });
  if (ability.can('read', 'Escalation'))
    tiles.push({
      label: 'duban.notice.unanswered',
      to: `/escalations${q({ answered: false, open: true })}`,
      resource: 'escalations',
      filter: { answered: false, open: true },
    });
  if (tiles.length === 0) return null;
  return (
    <Grid container spacing={2} sx={{ mt: 0 }} data-testid="work-tiles">
      {tiles.map((t) => (
        <Grid key={t.label} size={{ xs: 6, sm: 4, md: 2 }}>
          <Tile {...t} />
        </Grid>
      ))}
    </Grid>
  );
};

/** The home page: who you are and today's work. */
const Dashboard = () => {
  const translate = useTranslate();
  const { identity, isPending } = useGetIdentity();
  const role = typeof identity?.role === 'string' ? identity.role : undefined;
  return (
    <Box sx={{ mt: 2 }}>
      <Card data-testid="dashboard">
        <Title title="duban.dashboard.title" />
        <CardHeader
          title={isPending ? '…' : translate('duban.dashboard.welcome', { name: identity?.fullName ?? '' })}
          subheader={translate('duban.app.plan')}
        />
        <CardContent sx={{ pt: 0 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            {role && (
              <Chip
                color="primary"
                variant="outlined"
                label={translate('duban.dashboard.role', { role: translate(`duban.role.${role}`) })}
                data-testid="dashboard-role"
              />
            )}
          </Stack>
          <Work />
        </CardContent>
      </Card>
    </Box>
  );
};

export default Dashboard;
