// Owns per-call provider authentication that static headers cannot do: SigV4 for Bedrock access keys, OAuth for Vertex.
import { AwsV4Signer } from 'aws4fetch';
import { awsCredentials, bedrockRegion } from '../protocols/bedrock/upstream';
import type { ProviderConfig } from '../routing/types';
import { vertexAccessToken } from './vertex-token';

export interface SignableCall {
  url: string;
  headers: Headers;
  body: string | FormData;
}

/** Adds the credentials a cloud provider needs to this very call (headers are changed in place). */
export async function authorizeUpstream(
  provider: ProviderConfig,
  call: SignableCall,
  allowPrivate: boolean,
): Promise<void> {
  if (provider.protocol.startsWith('vertex_')) {
    call.headers.set('authorization', `Bearer ${await vertexAccessToken(provider.apiKey, allowPrivate)}`);
    return;
  }
  if (!provider.protocol.startsWith('bedrock_')) return;
  const keys = awsCredentials(provider.apiKey);
  if (!keys) return; // A Bedrock API key is a plain bearer token, already set.
  const signer = new AwsV4Signer({
    method: 'POST',
    url: call.url,
    headers: call.headers,
    body: typeof call.body === 'string' ? call.body : null,
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
    service: 'bedrock',
    region: bedrockRegion(provider.baseUrl, provider.options.region),
  });
  const signed = await signer.sign();
  signed.headers.forEach((value, name) => {
    call.headers.set(name, value);
  });
}
