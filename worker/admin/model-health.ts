// Owns reading a model's link health from its balancer object, for the admin model detail and match.
import type { LinkHealthSnapshot } from '../balancer/schemas';
import type { Env } from '../env';
import { iso } from './http';

/** The model's link health by link id; empty when the balancer cannot be reached (the admin still works). */
export async function modelHealth(env: Env, model: string): Promise<Map<number, LinkHealthSnapshot>> {
  try {
    const snapshot = await env.BALANCER.get(env.BALANCER.idFromName(model)).snapshot();
    return new Map(snapshot.links.map((l) => [l.linkId, l]));
  } catch (err) {
    console.warn(`balancer snapshot for ${model} failed`, err);
    return new Map();
  }
}

/** Health fields of one link as the admin API shows them. */
export function healthView(h: LinkHealthSnapshot | undefined) {
  return {
    health_degraded: h?.degraded ?? false,
    health_sample_count: h?.sampleCount ?? 0,
    health_failure_count: h?.failureCount ?? 0,
    health_failure_rate: h?.failureRate ?? 0,
    health_cooldown_until: h?.cooldownUntil && h.cooldownUntil > Date.now() ? iso(h.cooldownUntil) : null,
    health_next_probe_at: iso(h?.nextProbeAt ?? null),
  };
}
