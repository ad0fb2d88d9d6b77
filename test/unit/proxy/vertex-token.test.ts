// The Vertex token exchange goes to the key file's `token_uri`: it is held to the private-address guard like a base URL.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { vertexAccessToken } from '../../../worker/proxy/vertex-token';

const serviceAccount = (tokenUri: string) =>
  JSON.stringify({
    type: 'service_account',
    client_email: 'probe@example.iam.gserviceaccount.com',
    private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
    token_uri: tokenUri,
  });

afterEach(() => vi.restoreAllMocks());

describe('vertexAccessToken', () => {
  for (const uri of ['http://169.254.169.254/token', 'http://10.0.0.7/token', 'http://[::1]/token']) {
    it(`refuses the token URI ${uri} without calling it when private addresses are not allowed`, async () => {
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      await expect(vertexAccessToken(serviceAccount(uri), false)).rejects.toThrow(/token_uri is refused/);
      expect(fetchSpy).not.toHaveBeenCalled();
    });
  }

  it('passes a public token URI on to the signing step', async () => {
    // The fake key cannot be imported, so the call fails after the guard, not at it.
    const error = await vertexAccessToken(serviceAccount('https://oauth2.googleapis.com/token'), false).catch(
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(/token_uri is refused/);
  });
});
