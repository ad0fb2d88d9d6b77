import { describe, expect, it } from 'vitest';
import { eligibleCandidates, modelNeedsTokens, planCandidate } from '../../../worker/routing/eligible';
import type { RuleContext } from '../../../worker/routing/rules';
import type {
  LinkConfig,
  ModelConfig,
  Pricing,
  ProviderConfig,
  RuleSet,
} from '../../../worker/routing/types';

const noPrices: Pricing = {
  billingMode: null,
  inputPrice: null,
  outputPrice: null,
  perRequestPrice: null,
  perImagePrice: null,
  tieredPricing: null,
  cacheBillingEnabled: false,
  cachedInputPrice: null,
  cachedOutputPrice: null,
  cacheCreationInputPrice: null,
};

function provider(id: number, isActive = true): ProviderConfig {
  return {
    id,
    name: `p${id}`,
    baseUrl: `https://p${id}.example`,
    protocol: 'openai',
    implementation: 'openai',
    reasoning: 'openai',
    apiKey: null,
    secrets: [],
    extraHeaders: {},
    options: {},
    responseTimeoutMs: 1_800_000,
    isActive,
  };
}

function link(id: number, providerId: number, extra: Partial<LinkConfig> = {}): LinkConfig {
  return {
    ...noPrices,
    id,
    requestedModel: 'chat',
    providerId,
    targetModelName: `target-${id}`,
    providerRules: null,
    priority: 0,
    weight: 1,
    isActive: true,
    pausedUntil: null,
    ...extra,
  };
}

function model(links: LinkConfig[], matchingRules: RuleSet | null = null): ModelConfig {
  return {
    ...noPrices,
    requestedModel: 'chat',
    strategy: 'round_robin',
    modelType: 'chat',
    matchingRules,
    expectedOutputTokens: null,
    cache: { ttlSeconds: null, scope: 'key', generation: 0 },
    rpmLimit: null,
    tpmLimit: null,
    isActive: true,
    createdAt: 0,
    links,
  };
}

const providers = new Map([1, 2, 3].map((id) => [id, provider(id)]));
providers.set(4, provider(4, false));

const request = (headers: Record<string, string> = {}, tokens = 100): RuleContext => ({
  model: 'chat',
  headers,
  body: { temperature: 0.2 },
  tokens: () => tokens,
});

const ids = (m: ModelConfig, ctx = request()) => eligibleCandidates(m, providers, ctx).map((c) => c.link.id);

describe('eligibleCandidates', () => {
  it('skips inactive links and links whose provider is inactive or missing', () => {
    const m = model([link(1, 1), link(2, 2, { isActive: false }), link(3, 4), link(4, 99), link(5, 3)]);
    expect(ids(m)).toEqual([1, 5]);
  });

  it('sorts by priority, then provider id, then target model, then link id', () => {
    const m = model([
      link(10, 2, { priority: 1 }),
      link(11, 3, { priority: 0 }),
      link(12, 1, { priority: 0, targetModelName: 'b' }),
      link(13, 1, { priority: 0, targetModelName: 'a' }),
      link(9, 1, { priority: 0, targetModelName: 'a' }),
    ]);
    expect(ids(m)).toEqual([9, 13, 12, 11, 10]);
  });

  it('keeps only links whose provider rules match', () => {
    const rules: RuleSet = { rules: [{ field: 'headers.x-region', operator: 'in', value: ['eu'] }] };
    const m = model([link(1, 1, { providerRules: rules }), link(2, 2)]);
    expect(ids(m, request({ 'x-region': 'eu' }))).toEqual([1, 2]);
    expect(ids(m, request({ 'x-region': 'us' }))).toEqual([2]);
  });

  it('ANDs the model matching rules into every link: failing them leaves no candidate', () => {
    const modelRules: RuleSet = { rules: [{ field: 'headers.x-tenant', operator: 'exists', value: true }] };
    const linkRules: RuleSet = { rules: [{ field: 'body.temperature', operator: 'lt', value: 0.5 }] };
    const m = model([link(1, 1, { providerRules: linkRules }), link(2, 2)], modelRules);
    expect(ids(m, request({}))).toEqual([]);
    expect(ids(m, request({ 'x-tenant': 'acme' }))).toEqual([1, 2]);
    const hot = model(
      [link(1, 1, { providerRules: { rules: [{ ...linkRules.rules![0]!, value: 0.1 }] } })],
      modelRules,
    );
    expect(ids(hot, request({ 'x-tenant': 'acme' }))).toEqual([]);
  });

  it('estimates tokens once per request, and only when a rule reads them', () => {
    let calls = 0;
    const ctx: RuleContext = {
      ...request(),
      tokens: () => {
        calls++;
        return 5000;
      },
    };
    const big: RuleSet = { rules: [{ field: 'token_usage.input_tokens', operator: 'gte', value: 4000 }] };
    const small: RuleSet = { rules: [{ field: 'token_usage.input_tokens', operator: 'lt', value: 4000 }] };
    const m = model([link(1, 1, { providerRules: big }), link(2, 2, { providerRules: small }), link(3, 3)]);
    expect(modelNeedsTokens(m)).toBe(true);
    expect(eligibleCandidates(m, providers, ctx).map((c) => c.link.id)).toEqual([1, 3]);
    expect(calls).toBe(1);

    calls = 0;
    const plain = model([link(1, 1), link(2, 2)]);
    expect(modelNeedsTokens(plain)).toBe(false);
    eligibleCandidates(plain, providers, ctx);
    expect(calls).toBe(0);
  });

  it('reduces a candidate to what the planner needs', () => {
    const [c] = eligibleCandidates(
      model([link(7, 1, { weight: 3, priority: 2, pausedUntil: 5 })]),
      providers,
      request(),
    );
    expect(planCandidate(c!, 0.25)).toEqual({ id: 7, weight: 3, priority: 2, pausedUntil: 5, cost: 0.25 });
    expect(planCandidate(c!)).toEqual({ id: 7, weight: 3, priority: 2, pausedUntil: 5 });
    expect(planCandidate(c!, Number.POSITIVE_INFINITY)).toEqual({
      id: 7,
      weight: 3,
      priority: 2,
      pausedUntil: 5,
    });
  });
});
