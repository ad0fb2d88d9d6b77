// Owns which link a conversation sticks to when nothing stored says so: weighted rendezvous hashing of its key.

/** FNV-1a over the text, as a fraction in (0, 1]. */
function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One more avalanche round so similar keys spread.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return ((h >>> 0) + 1) / 4294967297;
}

/**
 * The link a conversation key (`prompt_cache_key`) belongs to: every isolate computes the same
 * answer with no shared state, links win in proportion to their weight across many keys, and
 * removing a link moves only the conversations that were on it.
 */
export function rendezvousLink(
  key: string,
  links: readonly { id: number; weight: number }[],
): number | undefined {
  let best: number | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const link of links) {
    if (link.weight <= 0) continue;
    const score = -link.weight / Math.log(unitHash(`${key}\u0000${link.id}`));
    if (score > bestScore) {
      bestScore = score;
      best = link.id;
    }
  }
  return best;
}
