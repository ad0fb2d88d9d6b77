// Owns the proxy's calls into governance: admission before planning, headers on every response, release.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError, toGatewayError } from '../errors';
import { type Admission, admit, peekHeaders } from '../limits/admission';
import { limiterClient } from '../limits/client';
import { estimateRequest } from '../limits/estimate';
import { modelScopeLimits } from '../limits/types';
import type { LogMessage } from '../logging/record';
import type { ProxyRequest } from './request';
import type { TraceSummary } from './trace';

const unbound = new Error('the LIMITER binding is not configured');

/**
 * Admits the request against its key's, user's and model's limits, or throws the refusal. Null (and no
 * allocation beyond two property reads) when neither the key nor the model has limits.
 */
export async function admitLimits(c: Context<AppEnv>, req: ProxyRequest): Promise<Admission | null> {
  const keyLimits = req.key.limits;
  const model = c.get('routing').models.get(req.model);
  if (!keyLimits && model?.rpmLimit == null && model?.tpmLimit == null) return null;
  return admit(
    {
      client: clientFor(c),
      failMode: c.get('settings').LIMITS_FAIL_MODE,
      waitUntil: (p) => c.executionCtx.waitUntil(p),
    },
    {
      keyId: req.key.id ?? 0,
      keyName: req.key.name,
      keyLimits,
      userId: req.userId,
      model: req.model,
      modelLimits: modelScopeLimits(model ? { rpm: model.rpmLimit, tpm: model.tpmLimit } : null),
      estimate: () =>
        estimateRequest(
          model,
          req.spec.clientProtocol,
          req.body.kind === 'json' ? req.body.json : null,
          req.spec.id.startsWith('images_'),
        ),
    },
  );
}

function clientFor(c: Context<AppEnv>) {
  const binding = c.env.LIMITER ?? {
    idFromName: () => {
      throw unbound;
    },
    get: () => {
      throw unbound;
    },
  };
  return limiterClient(binding, { deadlineMs: c.get('settings').LIMITS_DEADLINE_MS });
}

/** Sets the admission's `x-ratelimit-*` headers on a response the proxy built. */
export function withLimitHeaders(response: Response, admission: Admission | null): Response {
  if (!admission) return response;
  for (const [k, v] of Object.entries(admission.headers())) response.headers.set(k, v);
  return response;
}

/**
 * The same for an error on its way to the renderer (which sets an error's own headers). An error raised
 * before admission (a bad body, no model) still shows a limited key's windows, without counting it.
 */
export function errorWithLimitHeaders(
  c: Context<AppEnv>,
  err: unknown,
  admission: Admission | null,
): unknown {
  const key = c.get('key');
  const headers = admission
    ? admission.headers()
    : key.limits && key.id !== null
      ? peekHeaders(clientFor(c), key.id, key.limits, c.req.header('x-user-id')?.trim().slice(0, 255) || null)
      : null;
  if (!headers || Object.keys(headers).length === 0) return err;
  const e = toGatewayError(err);
  return new GatewayError(e.code, e.message, {
    status: e.status,
    param: e.param,
    details: e.details,
    headers: { ...headers, ...e.headers },
    cause: e.cause ?? err,
  });
}

/**
 * Builds the finished request's log records and releases its admission with the real token count; the
 * release runs even if building the records fails, so a slot can never leak in this instance.
 */
export function finishLimits(s: TraceSummary, build: () => LogMessage[]): LogMessage[] {
  let records: LogMessage[] | null = null;
  try {
    records = build();
    return records;
  } finally {
    const usage = records?.[0]?.upstream_usage;
    s.limits?.finish(usage ? usage.inputTokens + usage.outputTokens : null);
  }
}
