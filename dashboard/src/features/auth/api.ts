// Owns the auth resource: status query, login and logout against /api/auth.
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface AuthStatus {
  enabled: boolean;
  authenticated: boolean;
  configured?: boolean;
}

export const authStatusQuery = () =>
  queryOptions({
    queryKey: ['auth', 'status'],
    queryFn: () => api<AuthStatus>('/api/auth/status'),
    staleTime: 5 * 60_000,
  });

/** Whether the admin API will refuse this browser: login needed, or the Worker has no admin auth configured. */
export function needsLogin(status: AuthStatus): boolean {
  if (status.enabled) return !status.authenticated;
  return status.configured === false && !status.authenticated;
}

export interface LoginResult {
  access_token: string;
  token_type: string;
  expires_in: number;
}

export function login(username: string, password: string): Promise<LoginResult> {
  return api<LoginResult>('/api/auth/login', { method: 'POST', body: { username, password } });
}

export function logout(): Promise<unknown> {
  return api('/api/auth/logout', { method: 'POST' });
}

/** A same-site path to return to after login; anything else (other origins, `//host`) goes home. */
export function safeReturnTo(value: string | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}
