import { LABELS } from '@duban/domain';

/** Our own messages, Chinese. en.ts must have the same keys (the `DubanMessages` type checks it). */
export const zh = {
  duban: {
    // Roles, statuses, kinds: duban.role.office, duban.reportStatus.draft … (the words the API's documents use too).
    ...LABELS.zh,
    app: {
      title: '督办 · 宜春市“十四五”生态环境保护规划',
      short_title: '督办',
      plan: '宜春市“十四五”生态环境保护规划',
    },
    login: {
      subtitle: '请登录',
      username: '用户名',
      password: '密码',
      submit: '登录',
      throttled: '登录尝试过多，请稍后再试',
      failed: '登录失败，请检查用户名和密码',
      unreachable: '无法连接服务器，请稍后再试',
      required: '必填',
    },
    dashboard: {
      title: '概览',
      welcome: '欢迎，%{name}',
      role: '角色：%{role}',
      empty: '这里将显示规划任务的办理情况。',
    },
    locale: {
      zh: '中文',
      en: 'English',
    },
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type DubanMessages = Shape<typeof zh>;
