import { subject as caslSubject } from '@casl/ability';
import { abilityFromRules, type AppAbility, type AppRule } from '@duban/permissions';
import type { AuthProvider, UserIdentity } from 'react-admin';
import { clearSession, getSessionUser, getToken, saveSession, type SessionUser } from './session';
import { abilityActionOf, subjectOf } from './subjects';
import { currentLocale } from '../i18n/i18nProvider';

/** The API answers in Chinese, or in English when the console is switched to it (CONTRACT.md "Messages"). */
export function languageHeader(): string {
  return currentLocale() === 'en' ? 'en' : 'zh-CN';
}

export const API_URL = '/api';

/** What GET /api/auth/me answers (CONTRACT.md). */
export interface Me {
  user: SessionUser;
  rules: AppRule[];
}

/** An error that react-admin's login form and checkError can read: `message` and `status`. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Translation keys for the messages the console itself writes (see i18n/). */
export const LOGIN_THROTTLED = 'duban.login.throttled';
export const LOGIN_FAILED = 'duban.login.failed';
export const LOGIN_UNREACHABLE = 'duban.login.unreachable';

function messageOf(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string' && message) return message;
    if (Array.isArray(message) && message.length) return message.join('; ');
  }
  return undefined;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// /api/auth/me is asked once per token: canAccess runs for every menu entry and button.
let meCache: { token: string; me: Promise<Me> } | null = null;

export function fetchMe(): Promise<Me> {
  const token = getToken();
  if (!token) return Promise.reject(new HttpError('Not logged in', 401));
  if (meCache?.token === token) return meCache.me;
  const me = (async () => {
    const response = await fetch(`${API_URL}/auth/me`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, 'Accept-Language': languageHeader() },
    });
    const body = await readJson(response);
    if (!response.ok) throw new HttpError(messageOf(body) ?? response.statusText, response.status, body);
    return body as Me;
  })();
  meCache = { token, me };
  // A failed look-up is not kept, so the next call asks again.
  me.catch(() => {
    if (meCache?.me === me) meCache = null;
  });
  return me;
}

async function ability(): Promise<AppAbility> {
  const { rules } = await fetchMe();
  return abilityFromRules(rules);
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    let response: Response;
    try {
      response = await fetch(`${API_URL}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': languageHeader() },
        body: JSON.stringify({ username, password }),
      });
    } catch {
      throw new HttpError(LOGIN_UNREACHABLE, 0);
    }
    const body = await readJson(response);
    if (response.status === 429) throw new HttpError(LOGIN_THROTTLED, 429, body);
    if (!response.ok) throw new HttpError(messageOf(body) ?? LOGIN_FAILED, response.status, body);
    const { accessToken, user } = body as { accessToken: string; user: SessionUser };
    meCache = null;
    saveSession(accessToken, user);
    return { redirectTo: '/' };
  },

  async logout() {
    meCache = null;
    clearSession();
  },

  async checkAuth() {
    if (!getToken()) throw new HttpError('Not logged in', 401);
    // The token is checked once per page load (fetchMe is cached per token): an expired or
    // forged token, or one whose user was disabled or changed role or unit, goes back to log-in.
    // Anything but a 401 (the server restarting, a network hiccup) keeps the session.
    try {
      await fetchMe();
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        clearSession();
        throw error;
      }
    }
  },

  async checkError(error: { status?: number } | undefined) {
    // 401: the token expired, or its user was disabled or changed role or unit — log in again.
    // 403 is a refusal of one action, not of the session: stay logged in and show the error.
    if (error?.status === 401) {
      meCache = null;
      clearSession();
      throw new HttpError('Session expired', 401);
    }
  },

  async getIdentity(): Promise<UserIdentity> {
    // The server's view first (a changed display name or role shows at once), else what log-in returned.
    const user = await fetchMe().then(
      (me) => me.user,
      () => getSessionUser(),
    );
    if (!user) throw new HttpError('Not logged in', 401);
    return {
      id: user.id,
      fullName: user.displayName,
      username: user.username,
      role: user.role,
      orgUnitId: user.orgUnitId,
    };
  },

  async getPermissions() {
    return (await fetchMe()).rules;
  },

  async canAccess({ action, resource, record }) {
    const subject = subjectOf(resource);
    const act = abilityActionOf(action);
    if (!subject || !act) return false;
    const can = await ability();
    // With a record, the rule's conditions (e.g. the user's own unit) are checked against it.
    return record ? can.can(act, caslSubject(subject, { ...record })) : can.can(act, subject);
  },
};
