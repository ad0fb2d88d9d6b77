// Owns POST /v1/messages/count_tokens: answered by the gateway itself, never forwarded.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { authenticate } from '../middleware/gateway-auth';
import { collectInputText } from '../usage/estimate';
import { countTokens } from '../usage/tokenize';
import { readJsonBody } from './body';
import { cacheDeps } from './config-cache';

/** Counts a Messages request's input tokens (system, messages, tools) with the gateway's tokenizer. */
export async function countMessageTokens(c: Context<AppEnv>): Promise<Response> {
  await authenticate(cacheDeps(c), c.req.raw.headers, c.req.path);
  const { json } = await readJsonBody(c.req.raw, c.get('config').MAX_JSON_BODY_BYTES);
  if (!Array.isArray(json.messages)) {
    throw new GatewayError('invalid_request', 'messages: an array of messages is required', {
      param: 'messages',
    });
  }
  const { text, fixedTokens } = collectInputText('anthropic', json);
  return c.json({ input_tokens: (await countTokens(text)) + fixedTokens });
}
