// Scans everything a gateway persisted (D1, R2, Durable Objects, queues) for secrets in plain text.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Key shapes that must never be stored whole: gateway keys and provider-style keys. A key starts at a
 * token boundary; without the look-behind, `sk-` turns up by chance inside base64url ciphertexts.
 */
const PATTERNS: RegExp[] = [
  /(?<![A-Za-z0-9_-])lgw-[0-9a-f]{32}/g,
  /(?<![A-Za-z0-9_-])sk-(?:ant-|e2e-|proj-)?[A-Za-z0-9_-]{20,}/g,
];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) out.push(...files(full));
    else if (st.isFile()) out.push(full);
  }
  return out;
}

export interface Leak {
  file: string;
  match: string;
}

/** Every place under `dir` where a listed secret or a key-shaped string appears in clear. */
export function scanForSecrets(
  dir: string,
  secrets: string[],
): { scanned: number; bytes: number; leaks: Leak[] } {
  const leaks: Leak[] = [];
  let bytes = 0;
  const list = files(dir);
  for (const file of list) {
    const text = readFileSync(file).toString('latin1');
    bytes += text.length;
    for (const secret of secrets) if (secret && text.includes(secret)) leaks.push({ file, match: secret });
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern)) leaks.push({ file, match: m[0] });
    }
  }
  return { scanned: list.length, bytes, leaks };
}
