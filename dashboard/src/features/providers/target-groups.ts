// Owns grouping a provider's links by target model the way the bulk upgrade matches them (trimmed, any case).
import type { ProviderLink } from './api';

export interface TargetGroup {
  /** The target model as the first link spells it (trimmed); what the upgrade sends as the current name. */
  target: string;
  links: ProviderLink[];
}

export function groupByTarget(links: readonly ProviderLink[]): TargetGroup[] {
  const groups = new Map<string, TargetGroup>();
  for (const link of links) {
    const target = link.target_model_name.trim();
    const key = target.toLowerCase();
    const group = groups.get(key);
    if (group) group.links.push(link);
    else groups.set(key, { target, links: [link] });
  }
  return [...groups.values()].sort((a, b) => a.target.localeCompare(b.target));
}
