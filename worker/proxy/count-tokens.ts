// Owns POST /v1/messages/count_tokens: answered by the gateway itself, never forwarded.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { collectInputText } from '../usage/estimate';
import { countTokens } from '../usage/tokenize';
import { readJsonBody } from './body';

/** Counts a Messages request's input tokens (system, messages, tools) with the gateway's tokenizer. */
export async function countMessageTokens(c: Context<AppEnv>): Promise<Response> {
  const { json } = await readJsonBody(c.req.raw, c.get('settings').MAX_JSON_BODY_BYTES);
  if (!Array.isArray(json.messages)) {
    throw new GatewayError('invalid_request', 'messages: an array of messages is required', {
      param: 'messages',
    });
  }
  const { text, fixedTokens } = collectInputText('anthropic', json);
  return c.json({ input_tokens: (await countTokens(text)) + fixedTokens });
}
