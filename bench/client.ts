// Owns the one load client every target gets: node:http with keep-alive, per-request timings, closed loops.
import { Agent, request } from 'node:http';

/** One HTTP request as the client sends it. */
export interface RequestSpec {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Sample {
  status: number;
  /** Request start to the first body byte (for a stream: the first event). */
  ttfbMs: number;
  /** Request start to the end of the body. */
  totalMs: number;
  /** Body chunks as they arrived; a buffered stream arrives in one or two. */
  chunks: number;
  bytes: number;
  /** The gateway's `x-gateway-cache` answer (HIT, MISS, BYPASS), or null when there was none. */
  cache: string | null;
}

const agents = new Map<string, Agent>();

function agentFor(origin: string): Agent {
  let agent = agents.get(origin);
  if (!agent) {
    // One pool per target; sockets stay open across rounds so no measured request pays a handshake.
    agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256, scheduling: 'lifo' });
    agents.set(origin, agent);
  }
  return agent;
}

/** Sends one request and times it; rejects only on a network error. */
export function send(spec: RequestSpec): Promise<Sample> {
  const url = new URL(spec.path, spec.origin);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: 'POST',
        agent: agentFor(spec.origin),
        // No accept-encoding: every target answers uncompressed, so no one pays for gzip.
        headers: { ...spec.headers, 'content-length': String(spec.body.byteLength) },
      },
      (res) => {
        let ttfbMs = -1;
        let chunks = 0;
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          if (ttfbMs < 0) ttfbMs = performance.now() - start;
          chunks++;
          bytes += chunk.byteLength;
        });
        res.on('end', () => {
          const totalMs = performance.now() - start;
          resolve({
            status: res.statusCode ?? 0,
            ttfbMs: ttfbMs < 0 ? totalMs : ttfbMs,
            totalMs,
            chunks,
            bytes,
            cache: (res.headers['x-gateway-cache'] as string | undefined) ?? null,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(spec.body);
  });
}

/** `n` requests one after another. */
export async function sequential(spec: RequestSpec, n: number): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) out.push(await send(spec));
  return out;
}

export interface LoopResult {
  /** Requests sent, including those that ended after the window. */
  started: number;
  /** Requests that completed (any status) inside the window. */
  completed: number;
  /** Completed requests whose status was not the expected one, plus network errors. */
  errors: number;
  elapsedMs: number;
  latenciesMs: number[];
}

/** A closed loop: `concurrency` workers each send the next request as soon as the last one ends. */
export async function closedLoop(
  spec: RequestSpec,
  concurrency: number,
  durationMs: number,
  expectStatus = 200,
): Promise<LoopResult> {
  const start = performance.now();
  const stopAt = start + durationMs;
  const result: LoopResult = { started: 0, completed: 0, errors: 0, elapsedMs: durationMs, latenciesMs: [] };
  const worker = async () => {
    while (performance.now() < stopAt) {
      result.started++;
      try {
        const sample = await send(spec);
        // A request that ends after the window is not counted: rate = completions inside the window.
        if (performance.now() > stopAt) break;
        result.completed++;
        result.latenciesMs.push(sample.totalMs);
        if (sample.status !== expectStatus) result.errors++;
      } catch {
        result.errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result;
}

/** Closes every pooled socket so the process can exit. */
export function closeClient(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
