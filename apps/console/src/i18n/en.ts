import type { DubanMessages } from './zh';

/** Our own messages, English. */
export const en: DubanMessages = {
  duban: {
    app: {
      title: 'Duban',
      short_title: 'Duban',
      plan: 'Yichun 14th Five-Year Plan for Eco-Environment Protection',
    },
    login: {
      subtitle: 'Please sign in',
      username: 'Username',
      password: 'Password',
      submit: 'Sign in',
      throttled: 'Too many log-in attempts, please try again later',
      failed: 'Log-in failed, check your username and password',
      unreachable: 'Cannot reach the server, please try again later',
      required: 'Required',
    },
    dashboard: {
      title: 'Dashboard',
      welcome: 'Welcome, %{name}',
      role: 'Role: %{role}',
      empty: "The progress of the plan's work will show here.",
    },
    roles: {
      admin: 'Administrator',
      office: 'Eco-Environment Protection Commission Office',
      inspector: 'Inspector',
      leader: 'Leader in charge',
      liaison: 'Liaison',
    },
    locale: {
      zh: '中文',
      en: 'English',
    },
  },
};
