import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { configService } from '../../../worker/config/cache';
import { createDb } from '../../../worker/db/client';
import {
  type AuthDeps,
  authenticate,
  mintReplayToken,
  REPLAY_TOKEN_HEADER,
} from '../../../worker/middleware/gateway-auth';
import { admin, unique } from '../support/http';

const SECRET = env.ENCRYPTION_KEY as string;
const PATH = '/v1/chat/completions';

function deps(): AuthDeps {
  const db = createDb(env.DB);
  const config = configService({ d1: env.DB, db, encryptionKey: SECRET, ttlMs: 0, waitUntil: () => {} });
  return { config, db, encryptionKey: SECRET };
}

function headers(token: string): Headers {
  return new Headers({ [REPLAY_TOKEN_HEADER]: token });
}

async function newKey(): Promise<number> {
  const res = await admin.post('/api-keys', { key_name: unique('replay-key'), record_details: false });
  return res.json.id as number;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return (err as { code: string }).code;
  }
}

describe('replay tokens', () => {
  it('authenticate as the key they were minted for, on that path', async () => {
    const id = await newKey();
    const token = await mintReplayToken(SECRET, id, PATH);
    const key = await authenticate(deps(), headers(token), PATH);
    expect(key).toMatchObject({ id, recordDetails: false });
  });

  it('are refused on another path, after expiry, when tampered with, or signed with another secret', async () => {
    const id = await newKey();
    const token = await mintReplayToken(SECRET, id, PATH);
    expect(await code(authenticate(deps(), headers(token), '/v1/embeddings'))).toBe('invalid_api_key');
    const stale = await mintReplayToken(SECRET, id, PATH, Date.now() - 61_000);
    expect(await code(authenticate(deps(), headers(stale), PATH))).toBe('invalid_api_key');
    const [v, , exp, path, sig] = token.split('.');
    const otherKey = [v, id + 1, exp, path, sig].join('.');
    expect(await code(authenticate(deps(), headers(otherKey), PATH))).toBe('invalid_api_key');
    const foreign = await mintReplayToken(btoa('x'.repeat(32)), id, PATH);
    expect(await code(authenticate(deps(), headers(foreign), PATH))).toBe('invalid_api_key');
    expect(await code(authenticate(deps(), headers('garbage'), PATH))).toBe('invalid_api_key');
  });

  it('are refused once the key is disabled', async () => {
    const id = await newKey();
    const token = await mintReplayToken(SECRET, id, PATH);
    await admin.put(`/api-keys/${id}`, { is_active: false });
    expect(await code(authenticate(deps(), headers(token), PATH))).toBe('api_key_disabled');
  });
});
