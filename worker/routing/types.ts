// Owns routing's vocabulary: strategies, rules, and models, links and providers as the proxy sees them.

import type { ReasoningStyle, WireProtocol } from '../protocols/catalogue';
import type { ProviderOptions } from '../protocols/upstream';
import type { Pricing } from '../usage/pricing';

export type { Pricing };

/** How a model orders its candidate links. */
export type Strategy = 'round_robin' | 'priority' | 'cost_first' | 'weighted_random';

export const STRATEGY_NAMES = ['round_robin', 'priority', 'cost_first', 'weighted_random'] as const;

export type RuleOperator =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'contains'
  | 'not_contains'
  | 'regex'
  | 'in'
  | 'not_in'
  | 'exists';

export const RULE_OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'regex',
  'in',
  'not_in',
  'exists',
] as const satisfies readonly RuleOperator[];

export interface Rule {
  field: string;
  operator?: RuleOperator;
  value?: unknown;
}

/** A rule set: `rules` combined by `logic` (AND by default). Empty or absent matches everything. */
export interface RuleSet {
  logic?: 'AND' | 'OR' | 'and' | 'or';
  rules?: Rule[];
}

export interface ProviderConfig {
  id: number;
  name: string;
  baseUrl: string;
  /** The preset name stored on the provider (e.g. `deepseek`). */
  protocol: string;
  /** The wire protocol the preset speaks. */
  implementation: WireProtocol;
  reasoning: ReasoningStyle;
  /** Decrypted provider key; held only in isolate memory. */
  apiKey: string | null;
  /** Every secret this provider holds (key, credential-bearing extra header values): masked wherever echoed. */
  secrets: string[];
  extraHeaders: Record<string, string>;
  options: ProviderOptions;
  responseTimeoutMs: number;
  isActive: boolean;
}

export interface LinkConfig extends Pricing {
  id: number;
  requestedModel: string;
  providerId: number;
  targetModelName: string;
  providerRules: RuleSet | null;
  priority: number;
  weight: number;
  isActive: boolean;
  /** Epoch ms; a future value means paused (tried last). */
  pausedUntil: number | null;
}

/** Whose cached answers a request may read: its own key's (the default) or every key's of the model. */
export type CacheScope = 'key' | 'global';

export const CACHE_SCOPES = ['key', 'global'] as const satisfies readonly CacheScope[];

/** The longest an answer may be kept: one year, as Cloudflare AI Gateway allows. */
export const MAX_CACHE_TTL_SECONDS = 31_536_000;

/** A model's response-cache settings (SPEC §18). */
export interface ModelCacheSettings {
  /** Seconds an answer is kept; null = off unless a request asks for caching itself. */
  ttlSeconds: number | null;
  scope: CacheScope;
  /** Bumped to purge: entries stored under an older generation are never read again. */
  generation: number;
}

export interface ModelConfig extends Pricing {
  requestedModel: string;
  strategy: Strategy;
  modelType: string;
  matchingRules: RuleSet | null;
  expectedOutputTokens: number | null;
  cache: ModelCacheSettings;
  /** Requests and tokens per UTC minute across every key; null = unlimited. */
  rpmLimit: number | null;
  tpmLimit: number | null;
  isActive: boolean;
  /** Epoch ms. */
  createdAt: number;
  links: LinkConfig[];
}

/** A link whose provider is known: one thing the proxy can try. */
export interface Candidate {
  link: LinkConfig;
  provider: ProviderConfig;
}

/** The whole routing configuration as one isolate holds it, at one config version. */
export interface RoutingConfig {
  version: number;
  providers: Map<number, ProviderConfig>;
  models: Map<string, ModelConfig>;
}
