// Owns one proxied request from authentication to the committed response: the path through the gateway.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { balancerOptions } from '../balancer/client';
import { queueOutcomes } from '../balancer/report-buffer';
import { GatewayError, toGatewayError } from '../errors';
import { produceLogs } from '../logging/producer';
import type { LogMessage } from '../logging/record';
import { REPLAY_TOKEN_HEADER } from '../middleware/gateway-auth';
import type { EndpointSpec } from '../protocols/endpoints';
import { type FormBody, formBoolean, type JsonBody, readFormBody, readJsonBody } from './body';
import { serveFromCache } from './cache-flow';
import { markCache } from './cache-hit';
import { cacheHitRecords } from './cache-log';
import { execute } from './execute';
import { warnFallback } from './fallback-warning';
import { admitLimits, errorWithLimitHeaders, finishLimits, withLimitHeaders } from './limits';
import { buildLogRecords } from './log-records';
import { clientAskedUsage } from './mutations';
import { linkOutcomes } from './outcomes';
import { planRequest, shownModel } from './plan-request';
import type { ProxyRequest } from './request';
import { failureResponse, successResponse } from './respond';
import { attachStoredState } from './responses-state';
import { trackRunning } from './running';
import { signatureStore } from './signature-store';
import { previousNotFound } from './stored-context';
import { RequestTrace, type TraceSummary } from './trace';
import type { AiBinding } from './workers-ai';

/** No real model name is longer; a longer one is refused before it reaches a log (SPEC §20). */
const MAX_MODEL_NAME = 256;

async function readBody(c: Context<AppEnv>, spec: EndpointSpec): Promise<JsonBody | FormBody> {
  const settings = c.get('settings');
  const type = c.req.header('content-type') ?? '';
  const form = spec.body === 'form' || (spec.body === 'json_or_form' && /^multipart\/form-data/i.test(type));
  return form
    ? readFormBody(c.req.raw, settings.MAX_MULTIPART_BODY_BYTES)
    : readJsonBody(c.req.raw, settings.MAX_JSON_BODY_BYTES);
}

function userIdOf(headers: Headers): string | null {
  const raw = headers.get('x-user-id')?.trim();
  return raw ? raw.slice(0, 255) : null;
}

/** What a route read from the URL, for protocols that put the model and the stream flag there (Gemini). */
export interface RouteFacts {
  model: string;
  stream: boolean;
}

async function parseRequest(
  c: Context<AppEnv>,
  spec: EndpointSpec,
  trace: RequestTrace,
  route?: RouteFacts,
): Promise<ProxyRequest> {
  const body = await readBody(c, spec);
  const fields = body.kind === 'json' ? body.json : body.fields;
  const model = route ? route.model : fields.model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new GatewayError('missing_model', 'The request must name a model (a non-empty "model" string)', {
      param: 'model',
    });
  }
  if (model.length > MAX_MODEL_NAME) {
    throw new GatewayError('invalid_request', `The model name is longer than ${MAX_MODEL_NAME} characters`, {
      param: 'model',
    });
  }
  trace.requestedModel = model;
  const asked = route
    ? route.stream
    : body.kind === 'json'
      ? body.json.stream === true
      : formBoolean(body.fields.stream);
  const stream = spec.streams && asked;
  return {
    spec,
    body,
    model,
    stream,
    clientAskedUsage: body.kind === 'json' && clientAskedUsage(body.json),
    headers: c.req.raw.headers,
    userId: userIdOf(c.req.raw.headers),
    key: trace.start.key,
    keyPrefix: c.get('settings').API_KEY_PREFIX,
    traceId: trace.traceId,
    receivedAt: trace.start.receivedAt,
    url: c.req.url,
    method: c.req.method,
    clientSignal: c.req.raw.signal,
    signatures: signatureStore(c.env, c.get('settings').THOUGHT_SIGNATURE_TTL_SECONDS),
    ai: c.env.AI as AiBinding | undefined,
  };
}

/** A HIT logs one record of its own kind; every other request logs its request and failed attempts. */
function recordsOf(s: TraceSummary, keyPrefix: string): LogMessage[] {
  return s.cache?.status === 'HIT' ? cacheHitRecords(s, keyPrefix) : buildLogRecords(s, keyPrefix);
}

/** Handles one proxy request; every authenticated request ends as exactly one log record. */
export async function handleProxy(
  c: Context<AppEnv>,
  spec: EndpointSpec,
  route?: RouteFacts,
): Promise<Response> {
  const settings = c.get('settings');
  const trace = new RequestTrace({
    traceId: c.get('traceId'),
    receivedAt: c.get('receivedAt'),
    key: c.get('key'),
    spec,
    url: c.req.url,
    method: c.req.method,
    headers: c.req.raw.headers,
    // Only an admin replay (authenticated by its signed token) may say which trace it replays.
    replayOf: c.req.header(REPLAY_TOKEN_HEADER) ? (c.req.header('x-gateway-replay-of') ?? null) : null,
  });
  c.executionCtx.waitUntil(
    trace.finished
      .then((s) =>
        Promise.all([
          produceLogs(
            c.env,
            finishLimits(s, () => recordsOf(s, settings.API_KEY_PREFIX)),
          ),
          // Gemini signatures the answer carried are written once, when it ended (no-op otherwise).
          s.req?.signatures
            ?.flush()
            .catch((err) => console.warn('thought signatures could not be kept', err)),
        ]),
      )
      .catch((err) => console.error(`log records of ${trace.traceId} could not be queued`, err)),
  );
  try {
    const req = await parseRequest(c, spec, trace, route);
    trace.req = req;
    trackRunning(c, req, trace);
    // Admission first: a cache HIT is a request too (it counts for rpm and concurrency, costs no budget).
    trace.limits = await admitLimits(c, req);
    await attachStoredState(c, req, trace);
    const cached = await serveFromCache(req, trace, {
      routing: c.get('routing'),
      deadline: req.receivedAt + settings.REQUEST_DEADLINE_MS,
      waitUntil: (p) => c.executionCtx.waitUntil(p),
    });
    if (cached) {
      trace.limits?.cacheHit();
      return withLimitHeaders(cached, trace.limits);
    }
    const deps = {
      env: c.env,
      config: c.get('config'),
      balancer: balancerOptions(settings, (work) => c.executionCtx.waitUntil(work)),
    };
    const plan = await planRequest(deps, c.get('routing'), req);
    trace.routing = plan;
    if (req.stored?.previousMissing && !plan.attempts.some((a) => a.bridge.identity))
      throw previousNotFound(req.stored.previousResponseId ?? '');
    if (plan.attempts.length === 0) {
      throw new GatewayError(
        'no_available_provider',
        `No active provider matches "${shownModel(req)}" on ${req.spec.path}`,
      );
    }
    if (plan.balancerFallback) warnFallback(plan.model.requestedModel, plan.fallbackReason);
    c.executionCtx.waitUntil(
      trace.finished
        .then((s) => queueOutcomes(c.env, req.model, linkOutcomes(s, plan.probe)))
        .catch((err) => console.warn('balancer outcomes could not be reported', err)),
    );
    const result = await execute(req, plan.attempts, settings);
    trace.failed = result.failed;
    if (!result.ok) {
      const response = withLimitHeaders(
        failureResponse(req, result.failed, result.deadlineHit),
        trace.limits,
      );
      markCache(response.headers, trace.cache);
      const last = result.failed[result.failed.length - 1]?.failure;
      trace.finish({
        status: response.status,
        errorType: last?.kind ?? 'deadline',
        errorMessage: last?.message ?? 'no provider answered',
        streamEnd: null,
      });
      return response;
    }
    const retries = result.failed.length;
    trace.success = { ctx: result.ctx, success: result.success, clientBody: null };
    const { response, clientBody } = successResponse(req, result.ctx, result.success, retries, {
      onUpstreamChunk: trace.upstream.push,
      onClientChunk: result.ctx.bridge.identity ? undefined : trace.client.push,
      onEnd: (end) => {
        const failedMidStream = end.reason !== 'complete';
        trace.finish({
          status:
            failedMidStream && result.success.response.status < 400 ? 502 : result.success.response.status,
          errorType: failedMidStream ? end.reason : null,
          errorMessage: end.message ?? null,
          streamEnd: end,
        });
      },
    });
    if (trace.success) trace.success.clientBody = clientBody;
    markCache(response.headers, trace.cache);
    return withLimitHeaders(response, trace.limits);
  } catch (err) {
    const error = toGatewayError(err);
    trace.finish({
      status: error.status,
      errorType: error.code,
      errorMessage: error.message,
      streamEnd: null,
    });
    throw errorWithLimitHeaders(c, err, trace.limits);
  }
}
