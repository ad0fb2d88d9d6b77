// Owns HTTP to the gateway's admin API: base URL, admin token, JSON bodies and the error envelope.
import { getToken } from './auth-token';

/** Origin of the gateway API; empty means the dashboard's own origin. */
export const API_BASE = (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, '');

export interface FieldError {
  field: string;
  message: string;
}

/** An error answered by the admin API (`{"error":{code,message,details?}}`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];

  constructor(status: number, code: string, message: string, fieldErrors: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

function toFieldErrors(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d) =>
    d && typeof d === 'object' && typeof d.field === 'string' && typeof d.message === 'string'
      ? [{ field: d.field, message: d.message }]
      : [],
  );
}

/** Turns a non-2xx response into an ApiError, reading the admin envelope when there is one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const e = body.error;
    if (e && typeof e.message === 'string') {
      return new ApiError(res.status, String(e.code ?? 'error'), e.message, toFieldErrors(e.details));
    }
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiError(res.status, 'http_error', text.slice(0, 300) || `HTTP ${res.status}`);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** Sends a request to the gateway and returns the raw response once it is known to be 2xx. */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', 'The gateway could not be reached.');
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/** A JSON request to the admin API; 204 answers resolve to undefined. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  /** The log list counts at most 10,000 matches; past that `total` is a floor. */
  total_capped?: boolean;
  /** The log list's keyset cursor of the next page, or null at the end. */
  next_cursor?: string | null;
}
