// Fuzz: the rule engine never throws and never hangs, whatever the stored rules and the request hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRuleSet } from '../../../worker/routing/rules';
import { RULE_OPERATORS } from '../../../worker/routing/types';

const field = fc.oneof(
  fc.constantFrom('model', 'headers.x-tier', 'body.messages[0].content', 'body.a.b[3]', 'token_usage.input'),
  fc.string({ maxLength: 40 }),
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('^(a+)+$', '(x+x+)+y', '(?i)GPT', '[', '\\'),
);
const rule = fc.record(
  { field, operator: fc.oneof(fc.constantFrom(...RULE_OPERATORS), fc.string({ maxLength: 8 })), value },
  { requiredKeys: [] },
);
const ruleSet = fc.oneof(
  fc.record({ logic: fc.constantFrom('AND', 'OR', 'and', 'xor'), rules: fc.array(rule, { maxLength: 8 }) }),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('fuzz: the rule engine', () => {
  it('answers a boolean for any rule set and any request, without throwing', () => {
    fc.assert(
      fc.property(ruleSet, fc.jsonValue({ maxDepth: 6 }), fc.string({ maxLength: 300 }), (rs, body, text) => {
        const result = evaluateRuleSet(rs as never, {
          model: text,
          headers: { 'x-tier': text },
          body:
            typeof body === 'object' && body !== null && !Array.isArray(body)
              ? body
              : { messages: [{ content: text }] },
          tokens: () => text.length,
        });
        expect(typeof result).toBe('boolean');
      }),
      { numRuns: 2000, interruptAfterTimeLimit: 10_000 },
    );
  });
});
