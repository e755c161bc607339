import { Badge, Box, IconButton, Tooltip, Typography } from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { AppBar as RaAppBar, Link, LoadingIndicator, LocalesMenuButton, TitlePortal, useLocaleState, useTranslate } from 'react-admin';
import { formatDay } from '../components/format';
import { useClock } from './useClock';
import { useSiteSubtitle } from './useSite';
import { useUnreadCount } from './useUnreadCount';

/** The business day the API counts with (the demo date in demo mode). */
const Today = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const data = useClock();
  if (!data) return null;
  return (
    <Typography variant="body2" sx={{ mx: 1, whiteSpace: 'nowrap', display: { xs: 'none', md: 'block' } }} data-testid="today">
      {translate('duban.today', { date: formatDay(data.today, locale) })}
    </Typography>
  );
};

export const AppBar = () => {
  const translate = useTranslate();
  const subtitle = useSiteSubtitle();
  const unread = useUnreadCount();
  return (
    <RaAppBar
      toolbar={
        <>
          <Today />
          <Tooltip title={translate('duban.menu.inbox')}>
            <IconButton color="inherit" component={Link} to="/notifications" data-testid="inbox" aria-label={translate('duban.menu.inbox')}>
              <Badge badgeContent={unread} color="error" max={999} data-testid="unread">
                <NotificationsIcon />
              </Badge>
            </IconButton>
          </Tooltip>
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <Typography
        variant="h6"
        component="span"
        noWrap
        sx={{ fontSize: '1.05rem', fontWeight: 500, display: { xs: 'none', sm: 'block' } }}
        data-testid="app-title"
      >
        {subtitle ? translate('duban.app.title', { subtitle }) : translate('duban.app.short_title')}
      </Typography>
      <Box component="span" sx={{ mx: 1.5, opacity: 0.6, display: { xs: 'none', sm: 'block' } }} aria-hidden>
        |
      </Box>
      <TitlePortal variant="body1" />
    </RaAppBar>
  );
};
