import { describe, expect, it } from 'vitest';
import { cachedPatternCount } from '../../../worker/routing/rule-regex';
import {
  evaluateRule,
  evaluateRuleSet,
  type RuleContext,
  ruleSetNeedsTokens,
} from '../../../worker/routing/rules';
import type { RuleSet } from '../../../worker/routing/types';

function ctx(overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    model: 'gpt-4',
    headers: { 'x-priority': 'high', 'x-region': 'us-east', 'x-count': '1' },
    body: {
      temperature: 0.3,
      max_tokens: 512,
      stream: false,
      user: null,
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hello there', tags: ['a', 'b'] },
      ],
      metadata: { tier: 'gold', nested: { deep: [10, [20, 30]] } },
    },
    tokens: () => 1200,
    ...overrides,
  };
}

const rule = (field: string, operator: string | undefined, value?: unknown) =>
  evaluateRule(value === undefined ? { field, operator } : { field, operator, value }, ctx());

describe('rule paths', () => {
  it('reads the requested model, with the root compared case-insensitively', () => {
    expect(rule('model', 'eq', 'gpt-4')).toBe(true);
    expect(rule('MODEL', 'eq', 'gpt-4')).toBe(true);
    expect(rule('model.x', 'exists', true)).toBe(false);
  });

  it('reads headers by lowercase name, whatever case the rule uses', () => {
    expect(rule('headers.x-priority', 'eq', 'high')).toBe(true);
    expect(rule('headers.X-Priority', 'eq', 'high')).toBe(true);
    expect(rule('headers.not-exist', 'exists', false)).toBe(true);
  });

  it('walks nested body keys and [i] indexes, missing when out of range or the wrong type', () => {
    expect(rule('body.messages[0].role', 'eq', 'system')).toBe(true);
    expect(rule('body.messages[1].tags[1]', 'eq', 'b')).toBe(true);
    expect(rule('body.metadata.nested.deep[1][0]', 'eq', 20)).toBe(true);
    expect(rule('body.messages[5].role', 'exists', false)).toBe(true);
    expect(rule('body.metadata[0]', 'exists', false)).toBe(true);
    expect(rule('body.messages.0', 'exists', false)).toBe(true);
    expect(rule('body.messages[x]', 'exists', false)).toBe(true);
    expect(rule('body..temperature', 'exists', false)).toBe(true);
  });

  it('never reads inherited properties of the body', () => {
    expect(rule('body.constructor', 'exists', false)).toBe(true);
    expect(rule('body.messages[0].__proto__', 'exists', false)).toBe(true);
    expect(rule('headers.constructor', 'exists', false)).toBe(true);
  });

  it('reads the token estimate: input from the estimator, output 0, total = input', () => {
    expect(rule('token_usage.input_tokens', 'eq', 1200)).toBe(true);
    expect(rule('token_usage.output_tokens', 'eq', 0)).toBe(true);
    expect(rule('token_usage.total_tokens', 'eq', 1200)).toBe(true);
    expect(rule('token_usage.cached_tokens', 'exists', false)).toBe(true);
  });

  it('treats unknown roots as missing', () => {
    expect(rule('query.x', 'exists', false)).toBe(true);
    expect(rule('query.x', 'exists', true)).toBe(false);
  });

  it('treats JSON null as missing', () => {
    expect(rule('body.user', 'exists', false)).toBe(true);
    expect(rule('body.user', 'eq', null)).toBe(true);
  });
});

describe('operators', () => {
  it('eq / ne compare strictly, without coercion, and structurally for arrays and objects', () => {
    expect(rule('headers.x-count', 'eq', '1')).toBe(true);
    expect(rule('headers.x-count', 'eq', 1)).toBe(false);
    expect(rule('headers.x-count', 'ne', 1)).toBe(true);
    expect(rule('body.stream', 'eq', 0)).toBe(false);
    expect(rule('body.messages[1].tags', 'eq', ['a', 'b'])).toBe(true);
    expect(rule('body.metadata.nested', 'eq', { deep: [10, [20, 30]] })).toBe(true);
    expect(rule('body.metadata.nested', 'eq', { deep: [10, [20]] })).toBe(false);
  });

  it('a missing operator means eq', () => {
    expect(rule('headers.x-priority', undefined, 'high')).toBe(true);
  });

  it('eq against a missing value: only null matches', () => {
    expect(rule('body.absent', 'eq', 'x')).toBe(false);
    expect(rule('body.absent', 'ne', 'x')).toBe(true);
    expect(rule('body.absent', 'eq', null)).toBe(true);
  });

  it('gt / gte / lt / lte compare numbers and strings, false when missing or mismatched', () => {
    expect(rule('body.temperature', 'lt', 0.5)).toBe(true);
    expect(rule('body.temperature', 'lte', 0.3)).toBe(true);
    expect(rule('body.temperature', 'gt', 0.3)).toBe(false);
    expect(rule('body.temperature', 'gte', 0.3)).toBe(true);
    expect(rule('model', 'gt', 'gpt-3')).toBe(true);
    expect(rule('headers.x-count', 'gt', 0)).toBe(false);
    expect(rule('headers.x-count', 'lt', 5)).toBe(false);
    expect(rule('body.absent', 'lt', 5)).toBe(false);
    expect(rule('body.absent', 'gte', 5)).toBe(false);
    expect(rule('body.temperature', 'lt', null)).toBe(false);
    expect(rule('body.messages', 'gt', 1)).toBe(false);
  });

  it('contains needs a string actual; the value is stringified if scalar', () => {
    expect(rule('body.messages[1].content', 'contains', 'hello')).toBe(true);
    expect(rule('headers.x-count', 'contains', 1)).toBe(true);
    expect(rule('body.messages[1].content', 'contains', 'bye')).toBe(false);
    expect(rule('body.max_tokens', 'contains', '5')).toBe(false);
    expect(rule('body.absent', 'contains', 'x')).toBe(false);
    expect(rule('body.messages[1].content', 'contains', ['hello'])).toBe(false);
  });

  it('not_contains is true for missing and non-string actual values', () => {
    expect(rule('body.messages[1].content', 'not_contains', 'bye')).toBe(true);
    expect(rule('body.messages[1].content', 'not_contains', 'hello')).toBe(false);
    expect(rule('body.absent', 'not_contains', 'x')).toBe(true);
    expect(rule('body.max_tokens', 'not_contains', '5')).toBe(true);
  });

  it('regex searches unanchored, needs string actual and pattern, and an invalid pattern is false', () => {
    expect(rule('model', 'regex', 'gpt-\\d')).toBe(true);
    expect(rule('model', 'regex', '^pt')).toBe(false);
    expect(rule('model', 'regex', 'pt-4$')).toBe(true);
    expect(rule('model', 'regex', '(?i)GPT')).toBe(true);
    expect(rule('model', 'regex', '(?P<family>gpt)-4')).toBe(true);
    // RE2 semantics (SPEC §20): a backreference cannot run in linear time, so the pattern is invalid.
    expect(rule('model', 'regex', '(?P<family>gpt)-(?P=family)?4')).toBe(false);
    expect(rule('model', 'regex', '(unclosed')).toBe(false);
    expect(rule('model', 'regex', 5)).toBe(false);
    expect(rule('body.max_tokens', 'regex', '5')).toBe(false);
    expect(rule('body.absent', 'regex', '.*')).toBe(false);
  });

  it('keeps the compiled-pattern cache bounded', () => {
    for (let i = 0; i < 400; i++) evaluateRule({ field: 'model', operator: 'regex', value: `p${i}` }, ctx());
    expect(cachedPatternCount()).toBeLessThanOrEqual(256);
  });

  it('in / not_in need a list value', () => {
    expect(rule('headers.x-region', 'in', ['us-east', 'us-west'])).toBe(true);
    expect(rule('headers.x-region', 'in', ['eu'])).toBe(false);
    expect(rule('headers.x-region', 'in', 'us-east')).toBe(false);
    expect(rule('headers.x-region', 'not_in', ['eu'])).toBe(true);
    expect(rule('headers.x-region', 'not_in', ['us-east'])).toBe(false);
    expect(rule('headers.x-region', 'not_in', 'us-east')).toBe(true);
    expect(rule('body.max_tokens', 'in', ['512'])).toBe(false);
    expect(rule('body.absent', 'in', [null])).toBe(true);
  });

  it('exists: a truthy value asks for presence, a falsy one for absence, omitted means presence', () => {
    expect(rule('headers.x-priority', 'exists', true)).toBe(true);
    expect(rule('headers.x-priority', 'exists', false)).toBe(false);
    expect(rule('headers.x-priority', 'exists', 0)).toBe(false);
    expect(rule('headers.x-priority', 'exists', [])).toBe(false);
    expect(rule('headers.x-priority', 'exists', 'yes')).toBe(true);
    expect(rule('headers.x-priority', 'exists')).toBe(true);
    expect(rule('headers.nope', 'exists')).toBe(false);
  });

  it('an unknown operator, a malformed rule or a throwing estimator is false, never an error', () => {
    expect(rule('model', 'startswith', 'gpt')).toBe(false);
    expect(rule('model', 'toString', 'gpt')).toBe(false);
    expect(evaluateRule(null, ctx())).toBe(false);
    expect(evaluateRule({ operator: 'eq', value: 1 }, ctx())).toBe(false);
    const broken = ctx({
      tokens: () => {
        throw new Error('tokenizer failed');
      },
    });
    expect(evaluateRule({ field: 'token_usage.input_tokens', operator: 'lt', value: 10 }, broken)).toBe(
      false,
    );
  });
});

describe('rule sets', () => {
  const high = { field: 'headers.x-priority', operator: 'eq' as const, value: 'high' };
  const cold = { field: 'body.temperature', operator: 'lt' as const, value: 0.2 };

  it('match everything when absent or empty', () => {
    expect(evaluateRuleSet(null, ctx())).toBe(true);
    expect(evaluateRuleSet(undefined, ctx())).toBe(true);
    expect(evaluateRuleSet({}, ctx())).toBe(true);
    expect(evaluateRuleSet({ logic: 'OR', rules: [] }, ctx())).toBe(true);
  });

  it('AND by default: every rule must hold', () => {
    expect(evaluateRuleSet({ rules: [high, cold] }, ctx())).toBe(false);
    expect(evaluateRuleSet({ rules: [high, { ...cold, value: 0.5 }] }, ctx())).toBe(true);
  });

  it('OR (any case) passes when one rule holds', () => {
    expect(evaluateRuleSet({ logic: 'OR', rules: [high, cold] }, ctx())).toBe(true);
    expect(evaluateRuleSet({ logic: 'or', rules: [high, cold] }, ctx())).toBe(true);
    const oddCase = { logic: 'Or', rules: [cold, high] } as unknown as RuleSet;
    expect(evaluateRuleSet(oddCase, ctx())).toBe(true);
    expect(evaluateRuleSet({ logic: 'OR', rules: [cold] }, ctx())).toBe(false);
  });

  it('fails closed when `rules` is not a list', () => {
    expect(evaluateRuleSet({ rules: 'x' } as unknown as RuleSet, ctx())).toBe(false);
  });

  it('routes small prompts with a token rule, and only estimates when a rule needs it', () => {
    let calls = 0;
    const counting = ctx({
      tokens: () => {
        calls++;
        return 300;
      },
    });
    const small: RuleSet = { rules: [{ field: 'token_usage.input_tokens', operator: 'lt', value: 4000 }] };
    expect(evaluateRuleSet(small, counting)).toBe(true);
    expect(calls).toBe(1);
    expect(evaluateRuleSet({ rules: [high] }, counting)).toBe(true);
    expect(calls).toBe(1);
  });

  it('tells whether a rule set needs the token estimate', () => {
    expect(ruleSetNeedsTokens(null)).toBe(false);
    expect(ruleSetNeedsTokens({ rules: [high] })).toBe(false);
    expect(ruleSetNeedsTokens({ rules: [high, { field: 'token_usage.total_tokens', value: 1 }] })).toBe(true);
    expect(ruleSetNeedsTokens({ rules: [{ field: 'Token_Usage.input_tokens', value: 1 }] })).toBe(true);
  });
});
