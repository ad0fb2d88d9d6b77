import { describe, expect, it } from 'vitest';
import {
  expandStoredInput,
  itemsById,
  mintedResponseId,
  responseIdOfItem,
  type StoredTurn,
  usesStoredState,
} from '../../../../worker/protocols/responses/stored-input';

const HEX = '0123456789abcdef0123456789abcdef';

const turn: StoredTurn = {
  id: `resp_${HEX}`,
  context: [{ type: 'message', role: 'user', content: 'zero' }],
  inputItems: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'one' }] }],
  response: {
    id: `resp_${HEX}`,
    output: [
      { id: `rs_${HEX}`, type: 'reasoning', summary: [] },
      {
        id: `msg_${HEX}`,
        type: 'message',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'two' }],
      },
    ],
  },
};

describe('stored Responses state in a request', () => {
  it('knows the response of an item id the gateway minted, and nothing of others', () => {
    expect(responseIdOfItem(`msg_${HEX}`)).toBe(`resp_${HEX}`);
    expect(responseIdOfItem(`rs_${HEX}_2`)).toBe(`resp_${HEX}`);
    expect(responseIdOfItem('msg_abc')).toBeUndefined();
    expect(responseIdOfItem(`fc_${HEX}`)).toBeUndefined();
    expect(mintedResponseId('6f1c2d3e-0000-4000-8000-0123456789ab')).toBe(
      'resp_6f1c2d3e0000400080000123456789ab',
    );
  });

  it('only needs state for previous_response_id or an item_reference', () => {
    expect(usesStoredState({ input: 'x' })).toBe(false);
    expect(usesStoredState({ previous_response_id: 'resp_1' })).toBe(true);
    expect(usesStoredState({ input: [{ type: 'item_reference', id: 'msg_1' }] })).toBe(true);
  });

  it('puts the whole stored conversation before the new input and drops previous_response_id', () => {
    const out = expandStoredInput(
      { model: 'm', previous_response_id: turn.id, input: 'three', instructions: 'new' },
      turn,
      new Map(),
    );
    expect(out.previous_response_id).toBeUndefined();
    expect(out.instructions).toBe('new');
    expect((out.input as { content: unknown }[]).map((i) => i.content)).toEqual([
      'zero',
      [{ type: 'input_text', text: 'one' }],
      undefined,
      [{ type: 'output_text', text: 'two' }],
      [{ type: 'input_text', text: 'three' }],
    ]);
  });

  it('replaces references it can resolve and keeps the others for a provider that may hold them', () => {
    const out = expandStoredInput(
      {
        input: [
          { type: 'item_reference', id: `msg_${HEX}` },
          { type: 'item_reference', id: 'msg_elsewhere' },
        ],
      },
      undefined,
      itemsById([turn]),
    );
    expect(out.input).toEqual([
      turn.response.output && (turn.response.output as unknown[])[1],
      { type: 'item_reference', id: 'msg_elsewhere' },
    ]);
  });
});
