// Owns the admin plane's side of the guard: login throttling and token revocation, with their failure modes.
import type { AdminGuardRpc, LoginAttempt } from './rpc';

export interface GuardEnv {
  ADMIN_GUARD: DurableObjectNamespace<AdminGuardRpc>;
}

function guard(env: GuardEnv): DurableObjectStub<AdminGuardRpc> {
  return env.ADMIN_GUARD.get(env.ADMIN_GUARD.idFromName('admin'));
}

/** The client IP Cloudflare saw; requests without one (local runs) share `unknown`. */
export function clientIp(headers: Headers): string {
  return headers.get('cf-connecting-ip')?.trim().slice(0, 100) || 'unknown';
}

/**
 * How long a login attempt must wait (ms, 0 = go ahead). Fails open: when the guard cannot be reached
 * the login is checked anyway (the password still decides), and the outage is logged.
 */
export async function loginWait(env: GuardEnv, attempt: LoginAttempt): Promise<number> {
  try {
    return await guard(env).loginWait(attempt);
  } catch (err) {
    console.error('admin guard unavailable: login not throttled', err);
    return 0;
  }
}

/** Records the outcome of a checked login; returns the wait a failure now imposes (0 on success). */
export async function loginOutcome(env: GuardEnv, attempt: LoginAttempt, ok: boolean): Promise<number> {
  try {
    if (ok) {
      await guard(env).loginSucceeded(attempt);
      return 0;
    }
    return await guard(env).loginFailed(attempt);
  } catch (err) {
    console.error('admin guard unavailable: login outcome not recorded', err);
    return 0;
  }
}

/** Revoked ids this isolate knows of (kept until they expire), and recent "not revoked" answers. */
const revoked = new Map<string, number>();
const notRevoked = new Map<string, number>();
/** How long a "not revoked" answer is trusted in one isolate: the bound on revocation elsewhere. */
export const REVOCATION_STALENESS_MS = 10_000;
const REVOKED_MEMORY_MS = 7 * 86_400_000;

/** Revokes a token id until `expiresAt` (epoch ms). Throws when the guard cannot record it. */
export async function revokeToken(env: GuardEnv, id: string, expiresAt: number): Promise<void> {
  await guard(env).revoke({ id, expiresAt });
  revoked.set(id, expiresAt);
  notRevoked.delete(id);
}

/**
 * Whether a token id was revoked: at once in the isolate that revoked it, within
 * REVOCATION_STALENESS_MS everywhere else. Fails open (logged) when the guard cannot be reached.
 */
export async function isRevoked(env: GuardEnv, id: string, now = Date.now()): Promise<boolean> {
  const until = revoked.get(id);
  if (until !== undefined) {
    if (until > now) return true;
    revoked.delete(id);
  }
  const checked = notRevoked.get(id);
  if (checked !== undefined && now - checked < REVOCATION_STALENESS_MS) return false;
  try {
    const answer = await guard(env).isRevoked(id);
    if (notRevoked.size > 10_000) notRevoked.clear();
    // A revocation is never undone; the token's own expiry ends it (checked before this).
    if (answer) revoked.set(id, now + REVOKED_MEMORY_MS);
    else notRevoked.set(id, now);
    return answer;
  } catch (err) {
    console.error('admin guard unavailable: token revocation not checked', err);
    return false;
  }
}
