import { Box, Card, CardContent, CardHeader, Chip, Stack } from '@mui/material';
import { lazy, Suspense } from 'react';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { useSiteSubtitle } from '../layout/useSite';
import { useAbility } from '../providers/ability';

/** recharts is large: only who reads the dashboard's figures loads it. */
const Charts = lazy(() => import('./Charts'));

/** The home page: who you are, then the figures of the work you can see (a unit's own, or the whole plan's). */
const Dashboard = () => {
  const translate = useTranslate();
  const subtitle = useSiteSubtitle();
  const ability = useAbility();
  const { identity, isPending } = useGetIdentity();
  const role = typeof identity?.role === 'string' ? identity.role : undefined;
  return (
    <Box sx={{ mt: 2 }}>
      <Card data-testid="dashboard">
        <Title title="duban.dashboard.title" />
        <CardHeader
          title={isPending ? '…' : translate('duban.dashboard.welcome', { name: identity?.fullName ?? '' })}
          subheader={subtitle}
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
        </CardContent>
      </Card>
      {ability.can('read', 'Dashboard') && (
        <Suspense fallback={null}>
          <Charts />
        </Suspense>
      )}
    </Box>
  );
};

export default Dashboard;
