// Owns the in-memory routing configuration: models, their links and providers, as the proxy sees them.

import type { RuleSet, Strategy } from '../db/schema/models';
import type { BillingMode, PriceTier } from '../db/schema/pricing';
import type { ProviderOptions } from '../db/schema/providers';
import type { ReasoningStyle, WireProtocol } from '../protocols/catalogue';

/** Pricing fields shared by a model and a link (USD per 1M tokens unless per request/image). */
export interface Pricing {
  billingMode: BillingMode | null;
  inputPrice: number | null;
  outputPrice: number | null;
  perRequestPrice: number | null;
  perImagePrice: number | null;
  tieredPricing: PriceTier[] | null;
  cacheBillingEnabled: boolean;
  cachedInputPrice: number | null;
  cachedOutputPrice: number | null;
  cacheCreationInputPrice: number | null;
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

export interface ModelConfig extends Pricing {
  requestedModel: string;
  strategy: Strategy;
  modelType: string;
  matchingRules: RuleSet | null;
  expectedOutputTokens: number | null;
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
