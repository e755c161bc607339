import { Alert, Box, Button, CardContent, CircularProgress, Typography } from '@mui/material';
import { useState } from 'react';
import { Form, LocalesMenuButton, Login, PasswordInput, TextInput, required, useLogin, useTranslate } from 'react-admin';
import { useSiteSubtitle } from '../layout/useSite';

interface Credentials {
  username: string;
  password: string;
}

/**
 * The log-in page, in Chinese first. Shows the server's message for a refused log-in (401)
 * and a "too many attempts" message when the server throttles (429).
 */
const LoginForm = () => {
  const translate = useTranslate();
  const subtitle = useSiteSubtitle();
  const login = useLogin();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Partial<Credentials>) => {
    setLoading(true);
    setError(null);
    try {
      await login({ username: values.username ?? '', password: values.password ?? '' });
    } catch (e) {
      const message = e instanceof Error && e.message ? e.message : 'duban.login.failed';
      setError(message);
      setLoading(false);
    }
  };

  return (
    <Form onSubmit={(values: Record<string, unknown>) => submit(values as Partial<Credentials>)} noValidate>
      <CardContent sx={{ width: 320, maxWidth: '80vw', pt: 0 }}>
        <Typography component="h1" variant="h5" align="center" sx={{ fontWeight: 600, letterSpacing: '0.1em' }}>
          {translate('duban.app.short_title')}
        </Typography>
        <Typography variant="body1" align="center" sx={{ mt: 0.5 }}>
          {subtitle}
        </Typography>
        <Typography variant="body2" align="center" color="text.secondary" sx={{ mt: 1, mb: 1 }}>
          {translate('duban.login.subtitle')}
        </Typography>
        {error && (
          <Alert severity="error" sx={{ my: 1 }} data-testid="login-error">
            {/* A key of ours is translated; the server's own message is shown as it came. */}
            {translate(error, { _: error })}
          </Alert>
        )}
        <TextInput
          autoFocus
          source="username"
          label="duban.login.username"
          autoComplete="username"
          validate={required('duban.login.required')}
        />
        <PasswordInput
          source="password"
          label="duban.login.password"
          autoComplete="current-password"
          validate={required('duban.login.required')}
        />
        <Button variant="contained" type="submit" color="primary" disabled={loading} fullWidth sx={{ mt: 2 }}>
          {loading ? <CircularProgress size={19} thickness={3} /> : translate('duban.login.submit')}
        </Button>
        <Box sx={{ mt: 2, display: 'flex', justifyContent: 'center' }}>
          <LocalesMenuButton />
        </Box>
      </CardContent>
    </Form>
  );
};

const LoginPage = () => (
  <Login>
    <LoginForm />
  </Login>
);

export default LoginPage;
