/**
 * The log-in session kept in the browser: the API's bearer token and the user it belongs to.
 * localStorage so that a reload or a second tab stays logged in until the token expires.
 */
export type Role = 'admin' | 'office' | 'inspector' | 'leader' | 'liaison';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
}

const TOKEN_KEY = 'duban.token';
const USER_KEY = 'duban.user';

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function getSessionUser(): SessionUser | null {
  const raw = localStorage.getItem(USER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as SessionUser;
  } catch {
    return null;
  }
}

export function saveSession(token: string, user: SessionUser): void {
  localStorage.setItem(TOKEN_KEY, token);
  localStorage.setItem(USER_KEY, JSON.stringify(user));
}

export function clearSession(): void {
  localStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(USER_KEY);
}
