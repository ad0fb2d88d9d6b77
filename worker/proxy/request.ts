// Owns the parsed form of a client's proxy request, shared by every step after authentication.
import type { GatewayKey } from '../app-env';
import type { EndpointSpec } from '../protocols/endpoints';
import type { FormBody, JsonBody } from './body';
import type { SignatureStore } from './signature-store';
import type { StoredContext } from './stored-context';
import type { AiBinding } from './workers-ai';

export interface ProxyRequest {
  spec: EndpointSpec;
  body: JsonBody | FormBody;
  model: string;
  stream: boolean;
  /** The client asked for a usage chunk itself (`stream_options.include_usage`). */
  clientAskedUsage: boolean;
  headers: Headers;
  userId: string | null;
  key: GatewayKey;
  /** The configured gateway key prefix: key-shaped strings with it are masked wherever echoed. */
  keyPrefix: string;
  traceId: string;
  /** Epoch ms when the request arrived. */
  receivedAt: number;
  url: string;
  method: string;
  /** Aborts when the client goes away before the response was committed. */
  clientSignal?: AbortSignal;
  /** The Workers AI binding, when the Worker has one (providers of protocol `workers_ai` run on it). */
  ai?: AiBinding;
  /** Gemini thought signatures kept by the gateway for clients that do not send them back. */
  signatures?: SignatureStore;
  /** Responses only: the stored conversation it continues or references, read before planning. */
  stored?: StoredContext;
}
