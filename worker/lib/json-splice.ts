// Owns byte-preserving edits of a JSON object's top-level fields: everything not edited stays as it was.

interface Span {
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

function skipWs(text: string, i: number): number {
  let j = i;
  for (;;) {
    const ch = text.charCodeAt(j);
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) j++;
    else return j;
  }
}

/** Index just past the string that starts at `i` (which holds the opening quote). */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) throw new SyntaxError('unterminated string');
    let backslashes = 0;
    for (let k = q - 1; text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just past the JSON value that starts at `i`. */
function skipValue(text: string, i: number): number {
  const ch = text.charCodeAt(i);
  if (ch === 34) return skipString(text, i);
  if (ch !== 123 && ch !== 91) {
    let j = i;
    while (j < text.length && !',}] \n\r\t'.includes(text.charAt(j))) j++;
    return j;
  }
  let depth = 0;
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 34) {
      j = skipString(text, j);
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new SyntaxError('unterminated value');
}

/** Every top-level member of the object whose key is `key` (duplicates included). */
function findMembers(text: string, key: string): { open: number; spans: Span[] } {
  const open = skipWs(text, 0);
  if (text.charCodeAt(open) !== 123) throw new SyntaxError('not a JSON object');
  const spans: Span[] = [];
  let i = skipWs(text, open + 1);
  if (text.charCodeAt(i) === 125) return { open, spans };
  for (;;) {
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const rawKey = text.slice(keyStart + 1, keyEnd - 1);
    const name = rawKey.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : rawKey;
    i = skipWs(text, keyEnd);
    i = skipWs(text, i + 1); // past ':'
    const valueStart = i;
    const valueEnd = skipValue(text, i);
    if (name === key) spans.push({ keyStart, valueStart, valueEnd });
    i = skipWs(text, valueEnd);
    if (text.charCodeAt(i) === 44) i = skipWs(text, i + 1);
    else return { open, spans };
  }
}

/**
 * Sets a top-level field of a JSON object given as text, changing nothing else.
 * Existing occurrences (duplicates too) get the new value in place; an absent field is added first.
 * The text must already be known to be a valid JSON object (parse it first).
 */
export function setTopLevel(text: string, key: string, valueJson: string): string {
  const { open, spans } = findMembers(text, key);
  if (spans.length === 0) {
    const after = skipWs(text, open + 1);
    const sep = text.charCodeAt(after) === 125 ? '' : ',';
    return `${text.slice(0, open + 1)}${JSON.stringify(key)}:${valueJson}${sep}${text.slice(open + 1)}`;
  }
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.valueStart) + valueJson;
    last = span.valueEnd;
  }
  return out + text.slice(last);
}

/** The raw text of a top-level field's value (last occurrence, as JSON.parse would take), or undefined. */
export function getTopLevelRaw(text: string, key: string): string | undefined {
  const { spans } = findMembers(text, key);
  const span = spans[spans.length - 1];
  return span ? text.slice(span.valueStart, span.valueEnd) : undefined;
}

/** Removes every top-level occurrence of a field (and its separating comma), changing nothing else. */
export function deleteTopLevel(text: string, key: string): string {
  const { spans } = findMembers(text, key);
  if (spans.length === 0) return text;
  let out = text;
  for (const span of [...spans].reverse()) {
    let start = span.keyStart;
    let end = skipWs(out, span.valueEnd);
    if (out.charCodeAt(end) === 44) end = skipWs(out, end + 1);
    else {
      // The last member: take the comma before it instead.
      let before = start - 1;
      while (before > 0 && ' \n\r\t'.includes(out.charAt(before))) before--;
      if (out.charCodeAt(before) === 44) start = before;
      end = span.valueEnd;
    }
    out = out.slice(0, start) + out.slice(end);
  }
  return out;
}
