// Owns running a playground request: POST to the admin playground, then read JSON or SSE as it arrives.
import { useRef, useState } from 'react';
import { apiUrl, authHeaders, errorFromResponse } from '../../lib/api';
import { handleUnauthorized } from '../../lib/auth-token';
import { deltaFromEvent, textFromResponse } from '../../lib/llm-text';
import { type SseEvent, SseParser } from '../../lib/schemas';

export type PlaygroundProtocol = 'openai' | 'anthropic' | 'openai_responses' | 'completions';

export interface PlaygroundRequest {
  protocol: PlaygroundProtocol;
  body: Record<string, unknown>;
  api_key_id: number;
  headers?: Record<string, string>;
}

export interface RunState {
  running: boolean;
  status: number | null;
  provider: string | null;
  model: string | null;
  traceId: string | null;
  retries: string | null;
  firstTokenMs: number | null;
  totalMs: number | null;
  text: string;
  reasoning: string;
  events: { event: string | null; data: unknown }[] | null;
  body: unknown;
  error: unknown;
}

const IDLE: RunState = {
  running: false,
  status: null,
  provider: null,
  model: null,
  traceId: null,
  retries: null,
  firstTokenMs: null,
  totalMs: null,
  text: '',
  reasoning: '',
  events: null,
  body: null,
  error: null,
};

function parseEvent(e: SseEvent) {
  try {
    return { event: e.event ?? null, data: JSON.parse(e.data) as unknown };
  } catch {
    return { event: e.event ?? null, data: e.data };
  }
}

const ADMIN_AUTH_CODES = new Set(['not_authenticated', 'admin_auth_not_configured']);

async function readSse(res: Response, started: number, update: (patch: Partial<RunState>) => void) {
  const parser = new SseParser();
  const reader = res.body?.getReader();
  const events: RunState['events'] = [];
  let text = '';
  let reasoning = '';
  let first: number | null = null;
  while (reader) {
    const { value, done } = await reader.read();
    const fresh = (done ? parser.end() : parser.push(value)).map(parseEvent);
    for (const e of fresh) {
      const d = deltaFromEvent(e.data);
      if (first === null && (d.text || d.reasoning)) first = performance.now() - started;
      text += d.text;
      reasoning += d.reasoning;
    }
    events.push(...fresh);
    update({ events: [...events], text, reasoning, firstTokenMs: first });
    if (done) break;
  }
}

/** Runs requests one at a time; `stop()` aborts the one in flight (the gateway cancels upstream). */
export function usePlaygroundRun() {
  const [state, setState] = useState<RunState>(IDLE);
  const abort = useRef<AbortController | null>(null);
  const update = (patch: Partial<RunState>) => setState((s) => ({ ...s, ...patch }));

  async function run(req: PlaygroundRequest) {
    abort.current?.abort();
    const ctrl = new AbortController();
    abort.current = ctrl;
    const started = performance.now();
    setState({ ...IDLE, running: true });
    try {
      const res = await fetch(apiUrl('/api/admin/playground'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify(req),
        signal: ctrl.signal,
      });
      const h = res.headers;
      update({
        status: res.status,
        provider: h.get('x-gateway-provider'),
        model: h.get('x-gateway-model'),
        // The admin app stamps its own trace id; the gateway's inner one travels as the replay header.
        traceId: h.get('x-gateway-replay-trace-id') ?? h.get('x-gateway-trace-id'),
        retries: h.get('x-gateway-retries'),
      });
      if (/^text\/event-stream/i.test(h.get('content-type') ?? '')) {
        await readSse(res, started, update);
      } else if (res.status === 401 || res.status === 404) {
        const err = await errorFromResponse(res.clone());
        if (ADMIN_AUTH_CODES.has(err.code)) handleUnauthorized();
        update({ body: await res.json().catch(() => err.message) });
      } else {
        const raw = await res.text();
        let body: unknown = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          // plain text stays text
        }
        const text = textFromResponse(body);
        update({
          body,
          text: text.text,
          reasoning: text.reasoning,
          firstTokenMs: performance.now() - started,
        });
      }
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) update({ error: err });
    } finally {
      update({ running: false, totalMs: performance.now() - started });
    }
  }

  return { state, run, stop: () => abort.current?.abort(), reset: () => setState(IDLE) };
}
