// `npm run check:arch`: the import graph of worker/ has no cycle (type-only imports included) and keeps its walls.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A room is the first path segment under the root (`proxy`, `routing`, …) or a root file (`app.ts`). */
export interface Wall {
  from: string[];
  /** Rooms (or root files) the `from` rooms must not import. */
  never: string[];
  why: string;
}

export const WALLS: Wall[] = [
  {
    from: ['routing', 'usage', 'protocols'],
    never: [
      'db',
      'admin',
      'proxy',
      'logging',
      'config',
      'balancer',
      'middleware',
      'cron',
      'mcp',
      'telemetry',
      'inflight',
      'cache',
      'limits',
      'env.ts',
      'app.ts',
      'app-env.ts',
    ],
    why: 'the pure layers define the domain words and touch no storage, binding or plane',
  },
  {
    from: ['limits'],
    never: [
      'proxy',
      'admin',
      'logging',
      'mcp',
      'config',
      'middleware',
      'db',
      'balancer',
      'inflight',
      'telemetry',
      'cron',
      'app.ts',
    ],
    why: 'governance is called by the proxy, the log consumer and the admin plane, and knows none of them',
  },
  {
    from: ['admin'],
    never: ['proxy', 'app.ts', 'mcp'],
    why: 'the admin plane reaches the gateway through c.var',
  },
  {
    from: ['logging'],
    never: ['proxy'],
    why: 'logging receives plain records and knows nothing of the proxy',
  },
  {
    from: ['db'],
    never: ['admin', 'proxy', 'logging', 'config', 'middleware', 'balancer', 'mcp', 'telemetry'],
    why: 'storage imports only the vocabulary it stores',
  },
  { from: ['config'], never: ['proxy', 'admin', 'middleware'], why: 'shared config serves every plane' },
  {
    from: ['telemetry'],
    never: ['proxy', 'admin', 'mcp', 'app.ts', 'logging', 'balancer', 'config', 'middleware'],
    why: 'telemetry receives stored rows from the log consumer and exports them; it knows no plane',
  },
  {
    from: ['mcp'],
    never: ['proxy', 'app.ts', 'logging', 'balancer'],
    why: 'the MCP server reaches the gateway only through the admin plane',
  },
  {
    from: ['cache'],
    never: ['proxy', 'admin', 'middleware', 'logging', 'db', 'config', 'balancer', 'app.ts'],
    why: 'the cache keeps answers; the proxy and the admin plane call it, never the other way',
  },
  {
    from: ['responses-store'],
    never: ['proxy', 'admin', 'db', 'logging', 'config', 'middleware'],
    why: 'the response store keeps records; the proxy decides what they mean',
  },
];

const IMPORT = /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every relative import of every file under `root`, resolved to files. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const deps: string[] = [];
    for (const re of [IMPORT, DYNAMIC]) {
      for (const m of text.matchAll(re)) {
        const spec = m[1] as string;
        if (!spec.startsWith('.')) continue;
        const target = resolveImport(file, spec);
        if (target) deps.push(target);
      }
    }
    graph.set(file, deps);
  }
  return graph;
}

/** Strongly connected components with more than one file (or a file importing itself): the cycles. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

function roomOf(root: string, file: string): string {
  return path.relative(root, file).split(path.sep)[0] as string;
}

/** Problems in the tree under `root`: cycles, and imports through a wall. Empty when all is well. */
export function checkArchitecture(root: string, walls: Wall[] = WALLS): string[] {
  const graph = importGraph(root);
  const problems = findCycles(graph).map(
    (c) => `import cycle: ${c.map((f) => path.relative(root, f)).join(' → ')}`,
  );
  for (const [file, deps] of graph) {
    const from = roomOf(root, file);
    for (const dep of deps) {
      const to = roomOf(root, dep);
      const wall = walls.find((w) => w.from.includes(from) && w.never.includes(to));
      if (wall && to !== from) {
        problems.push(
          `${path.relative(root, file)} imports ${path.relative(root, dep)}: ${from} must not import ${to} (${wall.why})`,
        );
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(import.meta.dirname, '..', 'worker');
  const problems = checkArchitecture(root);
  if (problems.length > 0) {
    console.error(`check-architecture: ${problems.length} problem(s)\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(`check-architecture: ${importGraph(root).size} files, no cycle, every wall kept`);
}
