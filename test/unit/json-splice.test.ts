import { describe, expect, it } from 'vitest';
import { deleteTopLevel, getTopLevelRaw, setTopLevel } from '../../worker/lib/json-splice';

describe('setTopLevel', () => {
  it('replaces only the model value and keeps every other byte', () => {
    const raw = '{ "temperature": 0.70, "model" : "gpt-x", "extra": {"model": "inner"}, "n": 1e2 }';
    expect(setTopLevel(raw, 'model', '"target"')).toBe(
      '{ "temperature": 0.70, "model" : "target", "extra": {"model": "inner"}, "n": 1e2 }',
    );
  });

  it('replaces every duplicate top-level occurrence so the last one cannot win upstream', () => {
    const raw = '{"model":"a","x":[1,{"model":"keep"}],"model":"b"}';
    expect(setTopLevel(raw, 'model', '"t"')).toBe('{"model":"t","x":[1,{"model":"keep"}],"model":"t"}');
  });

  it('handles strings with escaped quotes and brackets before the key', () => {
    const raw = '{"messages":[{"content":"he said \\"}{[\\" \\\\"}],"model":"m"}';
    const out = setTopLevel(raw, 'model', '"t"');
    expect(JSON.parse(out)).toEqual({ messages: [{ content: 'he said "}{[" \\' }], model: 't' });
  });

  it('matches keys written with unicode escapes', () => {
    expect(setTopLevel('{"mod\\u0065l":"a"}', 'model', '"t"')).toBe('{"mod\\u0065l":"t"}');
  });

  it('adds an absent field at the front', () => {
    expect(setTopLevel('{"a":1}', 'stream_options', '{"include_usage":true}')).toBe(
      '{"stream_options":{"include_usage":true},"a":1}',
    );
    expect(setTopLevel(' { } ', 'model', '"t"')).toBe(' {"model":"t" } ');
  });

  it('reads the raw value of the last occurrence', () => {
    expect(getTopLevelRaw('{"s":{"a":1},"n":2.50}', 'n')).toBe('2.50');
    expect(getTopLevelRaw('{"s":{"a":1}}', 'missing')).toBeUndefined();
  });
});

describe('deleteTopLevel', () => {
  it('removes a member anywhere, keeping the rest byte for byte and valid', () => {
    expect(deleteTopLevel('{"a":1, "b":{"x":[1]}, "c":3}', 'b')).toBe('{"a":1, "c":3}');
    expect(deleteTopLevel('{"a":1,"b":2}', 'b')).toBe('{"a":1}');
    expect(deleteTopLevel('{"b":2,"a":1}', 'b')).toBe('{"a":1}');
    expect(deleteTopLevel('{"b":2}', 'b')).toBe('{}');
    expect(deleteTopLevel('{"b":1,"a":{"b":2},"b":3}', 'b')).toBe('{"a":{"b":2}}');
    expect(deleteTopLevel('{"a":1}', 'zz')).toBe('{"a":1}');
  });
});
