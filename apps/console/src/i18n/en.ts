import { LABELS } from '@duban/domain';
import type { DubanMessages } from './zh';

/** Our own messages, English. */
export const en: DubanMessages = {
  duban: {
    // Roles, statuses, kinds: duban.role.office, duban.reportStatus.draft … (the words the API's documents use too).
    ...LABELS.en,
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
    locale: {
      zh: '中文',
      en: 'English',
    },
  },
};
