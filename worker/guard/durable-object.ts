// Owns the admin plane's shared guard state: failed-login windows and revoked admin tokens (one object).
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import type { Env } from '../env';
import { DEFAULT_THROTTLE, type FailureLog, waitMs, withFailure } from './login-window';
import type { AdminGuardRpc } from './rpc';

const loginSchema = z.object({ ip: z.string().max(100), user: z.string().max(200) });
const revokeSchema = z.object({ id: z.string().min(1).max(100), expiresAt: z.number().int() });

const policy = DEFAULT_THROTTLE;

/**
 * One instance (`idFromName('admin')`): admin traffic is a few requests a second at most. Failure
 * windows live in memory (a restart forgets them, which only shortens a wait); revocations are
 * stored until the token would have expired anyway, and an alarm sweeps them.
 */
export class AdminGuard extends DurableObject<Env> implements AdminGuardRpc {
  clock: () => number = () => Date.now();
  private readonly failures = new Map<string, FailureLog>();
  private readonly revoked = new Map<string, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      for (const [key, value] of ctx.storage.kv.list<number>({ prefix: 'revoked:' })) {
        this.revoked.set(key.slice('revoked:'.length), value);
      }
    });
  }

  /** Milliseconds this IP or user name must wait before the next login attempt (0 = go ahead). */
  loginWait(input: { ip: string; user: string }): number {
    const { ip, user } = loginSchema.parse(input);
    const now = this.clock();
    return Math.max(
      waitMs(this.failures.get(`ip:${ip}`) ?? [], policy.perIp, now, policy.windowMs),
      waitMs(this.failures.get(`user:${user}`) ?? [], policy.perUser, now, policy.windowMs),
    );
  }

  /** Records a failed login; returns the wait it now imposes. */
  async loginFailed(input: { ip: string; user: string }): Promise<number> {
    const { ip, user } = loginSchema.parse(input);
    const now = this.clock();
    this.bump(`ip:${ip}`, policy.perIp, now);
    this.bump(`user:${user}`, policy.perUser, now);
    return this.loginWait({ ip, user });
  }

  /** A successful login clears its IP's failures (not the user name's: those may come from others). */
  async loginSucceeded(input: { ip: string; user: string }): Promise<void> {
    this.failures.delete(`ip:${loginSchema.parse(input).ip}`);
  }

  async revoke(input: { id: string; expiresAt: number }): Promise<void> {
    const { id, expiresAt } = revokeSchema.parse(input);
    this.revoked.set(id, expiresAt);
    await this.ctx.storage.put(`revoked:${id}`, expiresAt);
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > expiresAt) await this.ctx.storage.setAlarm(expiresAt);
  }

  isRevoked(id: string): boolean {
    const until = this.revoked.get(id);
    return until !== undefined && until > this.clock();
  }

  override async alarm(): Promise<void> {
    const now = this.clock();
    let next: number | null = null;
    for (const [id, until] of [...this.revoked]) {
      if (until <= now) {
        this.revoked.delete(id);
        await this.ctx.storage.delete(`revoked:${id}`);
      } else next = next === null ? until : Math.min(next, until);
    }
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  private bump(key: string, limit: number, now: number): void {
    this.failures.set(key, withFailure(this.failures.get(key) ?? [], limit, now, policy.windowMs));
    // Bounded memory under a spray of IPs: forget the oldest keys first.
    if (this.failures.size > 10_000) {
      const oldest = this.failures.keys().next();
      if (!oldest.done) this.failures.delete(oldest.value);
    }
  }
}
