// Owns how Amazon Bedrock is addressed: model ids in the path, the region, and which credentials sign.
import { z } from 'zod';

/** AWS access keys for SigV4, stored (encrypted) as the provider's secret in JSON. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const keysSchema = z.object({
  access_key_id: z.string().min(1),
  secret_access_key: z.string().min(1),
  session_token: z.string().min(1).optional(),
});

/**
 * The secret is either a Bedrock API key (sent as `Authorization: Bearer`) or access keys as JSON
 * (SigV4). Null means "not access keys"; malformed JSON is an error, never sent as a bearer token.
 */
export function awsCredentials(secret: string | null): AwsCredentials | null {
  const text = secret?.trim() ?? '';
  if (!text.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the Bedrock credentials are not valid JSON');
  }
  const keys = keysSchema.safeParse(parsed);
  if (!keys.success) throw new Error('the Bedrock credentials need access_key_id and secret_access_key');
  const { access_key_id, secret_access_key, session_token } = keys.data;
  return { accessKeyId: access_key_id, secretAccessKey: secret_access_key, sessionToken: session_token };
}

/** The region: from a `bedrock-runtime.<region>.amazonaws.com` host, else the provider option, else us-east-1. */
export function bedrockRegion(baseUrl: string, option: string | undefined): string {
  const host = /^https?:\/\/([^/:]+)/i.exec(baseUrl)?.[1] ?? '';
  return (
    /^bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com$/i.exec(host)?.[1] ?? option ?? 'us-east-1'
  );
}

export type BedrockOperation = 'invoke' | 'invoke-with-response-stream' | 'converse' | 'converse-stream';

/** `<base>/model/<model id>/<operation>`; model ids hold `:` and `/` (ARNs), so they are encoded. */
export function bedrockUrl(baseUrl: string, model: string, operation: BedrockOperation): string {
  return `${baseUrl.replace(/\/+$/, '')}/model/${encodeURIComponent(model)}/${operation}`;
}

/** The Anthropic Messages body as Bedrock's InvokeModel takes it: no model or stream, a Bedrock version. */
export function bedrockAnthropicBody(body: Record<string, unknown>): Record<string, unknown> {
  const { model: _model, stream: _stream, ...rest } = body;
  return { anthropic_version: 'bedrock-2023-05-31', ...rest };
}
