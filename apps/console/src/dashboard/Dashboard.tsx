import { Card, CardContent, CardHeader, Chip, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';

/** The home page. Empty for now: the plan's progress comes with the later issues. */
const Dashboard = () => {
  const translate = useTranslate();
  const { identity, isPending } = useGetIdentity();
  const role = typeof identity?.role === 'string' ? identity.role : undefined;
  return (
    <Card sx={{ mt: 2 }} data-testid="dashboard">
      <Title title="duban.dashboard.title" />
      <CardHeader
        title={isPending ? '…' : translate('duban.dashboard.welcome', { name: identity?.fullName ?? '' })}
        subheader={translate('duban.app.plan')}
      />
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
          {role && (
            <Chip
              color="primary"
              variant="outlined"
              label={translate('duban.dashboard.role', { role: translate(`duban.role.${role}`) })}
              data-testid="dashboard-role"
            />
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {translate('duban.dashboard.empty')}
        </Typography>
      </CardContent>
    </Card>
  );
};

export default Dashboard;
