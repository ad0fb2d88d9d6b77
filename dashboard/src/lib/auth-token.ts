// Owns the admin token in localStorage and what happens when the API says it is no longer valid.

const KEY = 'lgw_admin_token';

export function getToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function clearToken(): void {
  localStorage.removeItem(KEY);
}

let unauthorizedHandler: (() => void) | null = null;

/** Registers what a 401 from the admin API does (the router sends the user to the login page). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export function handleUnauthorized(): void {
  clearToken();
  unauthorizedHandler?.();
}
