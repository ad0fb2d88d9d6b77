// Owns CPU profiling of workerd isolates through their inspector, and summing a profile's self time.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface Reply {
  id?: number;
  result?: { profile?: CpuProfile };
  error?: { message: string };
}

/** One inspector session on one isolate (`ws://host:port/<isolate id>`). */
export class InspectorSession {
  private next = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();

  private readonly ws: WebSocket;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.addEventListener('message', (ev) => {
      const reply = JSON.parse(String(ev.data)) as Reply;
      if (reply.id !== undefined) this.pending.get(reply.id)?.(reply);
    });
  }

  static open(url: string): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => resolve(new InspectorSession(ws)));
      ws.addEventListener('error', () => reject(new Error(`inspector ${url} refused`)));
    });
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<Reply> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (r) =>
        r.error ? reject(new Error(`${method}: ${r.error.message}`)) : resolve(r),
      );
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  async start(intervalUs: number): Promise<void> {
    await this.call('Profiler.enable');
    await this.call('Profiler.setSamplingInterval', { interval: intervalUs });
    await this.call('Profiler.start');
  }

  async stop(): Promise<CpuProfile> {
    const reply = await this.call('Profiler.stop');
    if (!reply.result?.profile) throw new Error('no profile returned');
    return reply.result.profile;
  }

  close(): void {
    this.ws.close();
  }
}

/** Maps a bundle line to the module esbuild put there (it marks each with a `// path` comment). */
export function moduleMap(bundleText: string): (line: number) => string {
  const marks: [number, string][] = [];
  bundleText.split('\n').forEach((text, i) => {
    const m = /^\/\/ ((?:worker|bench|node_modules)\/\S+)$/.exec(text);
    if (m) marks.push([i, m[1]!]);
  });
  return (line) => {
    let lo = 0;
    let hi = marks.length - 1;
    let found = 'unknown';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (marks[mid]![0] <= line) {
        found = marks[mid]![1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // One row per npm package; our own files one row each.
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(found);
    return pkg ? `npm:${pkg[1]}` : found;
  };
}

export interface SelfTime {
  totalMs: number;
  /** Self time by key, in ms, largest first. */
  rows: [string, number][];
}

/** Sums self time per key (function, module, …); `(idle)` samples are left out of the total. */
export function selfTime(profile: CpuProfile, key: (frame: CallFrame) => string): SelfTime {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const sums = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id);
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!frame || frame.functionName === '(idle)') return;
    total += dt;
    const k = key(frame);
    sums.set(k, (sums.get(k) ?? 0) + dt);
  });
  return { totalMs: total, rows: [...sums].sort((a, b) => b[1] - a[1]) };
}

/**
 * Sums self time per part of an isolate's work: each sample goes to the part of the outermost frame of
 * its stack that `part` names (e.g. the log consumer's entry), or to `rest` when none does.
 */
export function timeByPart(
  profile: CpuProfile,
  part: (frame: CallFrame) => string | undefined,
  rest: string,
): Map<string, number> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const memo = new Map<number, string>();
  const partOf = (id: number): string => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const outer = up === undefined ? rest : partOf(up);
    const own = byNode.get(id);
    const result = outer !== rest ? outer : ((own && part(own)) ?? rest);
    memo.set(id, result);
    return result;
  };
  const sums = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (byNode.get(id)?.functionName === '(idle)') return;
    const k = partOf(id);
    sums.set(k, (sums.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return sums;
}
