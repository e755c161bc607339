import { Box, Typography } from '@mui/material';
import { AppBar as RaAppBar, TitlePortal, useTranslate } from 'react-admin';

export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar>
      <Typography variant="h6" component="span" noWrap sx={{ fontSize: '1.05rem', fontWeight: 500 }} data-testid="app-title">
        {translate('duban.app.title')}
      </Typography>
      <Box component="span" sx={{ mx: 1.5, opacity: 0.6 }} aria-hidden>
        |
      </Box>
      <TitlePortal variant="body1" />
    </RaAppBar>
  );
};
