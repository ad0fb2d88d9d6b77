// Per-request knobs: size and pacing overrides, and the fault a request gets from all four sources.
import type { IncomingHttpHeaders } from 'node:http';
import { type Fault, type FaultQueue, faultFromModel, toFault } from './faults.ts';
import type { Settings } from './types.ts';
import { parseCount } from './values.ts';

/**
 * Overrides written in the prompt, for callers whose headers do not reach the mock (a gateway
 * forwards bodies but drops unknown headers): `[mock bytes=102400 chunks=20 gap-ms=5 delay-ms=50
 * fault=status-500]`.
 */
export interface Directive {
  settings: Partial<Settings>;
  fault: Fault | undefined;
}

const DIRECTIVE = /\[mock\s+([^\]]*)\]/i;
const DIRECTIVE_KEYS: Record<string, keyof Settings> = {
  bytes: 'responseBytes',
  chunks: 'chunks',
  'gap-ms': 'chunkGapMs',
  'delay-ms': 'delayMs',
};

export function readDirective(prompt: string): Directive | undefined {
  // Cheap test first: almost no prompt carries a directive.
  if (!prompt.includes('[mock')) return undefined;
  const match = DIRECTIVE.exec(prompt);
  if (!match) return undefined;
  const directive: Directive = { settings: {}, fault: undefined };
  for (const pair of match[1]!.trim().split(/\s+/)) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (key === 'fault') directive.fault = toFault(value);
    const setting = DIRECTIVE_KEYS[key];
    const n = parseCount(value);
    if (setting && n !== undefined) directive.settings[setting] = n;
  }
  return directive;
}

const HEADER_KEYS: Array<[string, keyof Settings]> = [
  ['x-mock-delay-ms', 'delayMs'],
  ['x-mock-response-bytes', 'responseBytes'],
  ['x-mock-chunks', 'chunks'],
  ['x-mock-chunk-gap-ms', 'chunkGapMs'],
];

/** Server defaults, then `x-mock-*` headers, then the prompt directive. */
export function resolveSettings(
  defaults: Settings,
  headers: IncomingHttpHeaders,
  directive: Directive | undefined,
): Settings {
  let settings = defaults;
  for (const [header, key] of HEADER_KEYS) {
    const n = parseCount(headers[header]);
    if (n !== undefined) settings = { ...settings, [key]: n };
  }
  return directive ? { ...settings, ...directive.settings } : settings;
}

/**
 * The fault for one request: the model name, then the `x-mock-fault` header, then the prompt
 * directive, then the next queued one-shot fault; later sources override earlier fields.
 */
export function resolveFault(
  queue: FaultQueue,
  request: { provider: string; path: string; headers: IncomingHttpHeaders; model: string },
  directive: Directive | undefined,
): Fault {
  const header = request.headers['x-mock-fault'];
  // Parse everything that can throw before taking from the queue, so a bad header loses no fault.
  const fromRequest: Fault = {
    ...faultFromModel(request.model),
    ...(typeof header === 'string' ? toFault(header) : undefined),
    ...directive?.fault,
  };
  return { ...fromRequest, ...queue.take(request.provider, request.path) };
}
