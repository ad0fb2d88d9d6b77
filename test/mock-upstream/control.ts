// The control API under `/__mock/`: queue and clear faults, read and clear recorded requests.
import type { ServerResponse } from 'node:http';
import { type FaultQueue, FaultSyntaxError, toFaultBatch } from './faults.ts';
import { PNG_BYTES } from './media.ts';
import type { OtlpReceiver } from './otlp.ts';
import type { Recorder } from './recorder.ts';
import { writeReply } from './respond.ts';
import { serviceAccountJson } from './vertex.ts';

export const CONTROL_PREFIX = '/__mock/';

export interface ControlState {
  faults: FaultQueue;
  recorder: Recorder;
  otlp: OtlpReceiver;
}

function json(res: ServerResponse, status: number, value: unknown): void {
  writeReply(res, { kind: 'json', status, body: JSON.stringify(value) }, {});
}

function parseBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new FaultSyntaxError('body is not valid JSON');
  }
}

function route(method: string, name: string, query: URLSearchParams, raw: Buffer, state: ControlState) {
  switch (`${method} ${name}`) {
    case 'GET health':
      return { ok: true };
    case 'POST faults': {
      const batch = toFaultBatch(parseBody(raw));
      state.faults.push(batch);
      return { queued: batch.faults.length };
    }
    case 'GET faults':
      return { pending: state.faults.pending() };
    case 'DELETE faults':
      state.faults.clear();
      return { cleared: true };
    case 'GET vertex/service-account':
      // A key pair of this mock's own; its token endpoint (under `origin`) verifies what it signs.
      return JSON.parse(
        serviceAccountJson(query.get('origin') ?? '', query.get('provider') ?? 'vertex'),
      ) as unknown;
    case 'GET requests':
      return { requests: state.recorder.list(query.get('provider') ?? undefined) };
    case 'DELETE requests':
      state.recorder.clear();
      return { cleared: true };
    case 'GET otlp':
      return { accepted: state.otlp.accepted, failed: state.otlp.failed };
    case 'POST otlp': {
      const body = parseBody(raw) as { failEvery?: number; failStatus?: number };
      state.otlp.reset();
      state.otlp.failEvery = Math.max(0, Math.floor(Number(body.failEvery ?? 0)));
      state.otlp.failStatus = Number(body.failStatus ?? 503);
      return { ok: true };
    }
    default:
      return undefined;
  }
}

/** Answers a control request; `path` starts with CONTROL_PREFIX. */
export function handleControl(
  res: ServerResponse,
  method: string,
  path: string,
  query: URLSearchParams,
  raw: Buffer,
  state: ControlState,
): void {
  const name = path.slice(CONTROL_PREFIX.length);
  if (method === 'GET' && name === 'image.png') {
    writeReply(res, { kind: 'bytes', status: 200, contentType: 'image/png', body: PNG_BYTES }, {});
    return;
  }
  try {
    const result = route(method, name, query, raw, state);
    if (result === undefined) json(res, 404, { error: { message: `no control endpoint ${method} ${path}` } });
    else json(res, 200, result);
  } catch (error) {
    if (!(error instanceof FaultSyntaxError)) throw error;
    json(res, 400, { error: { message: error.message } });
  }
}
