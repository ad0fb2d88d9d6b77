// Owns the table of proxy endpoints: their paths, client protocol and body kind.
import type { WireProtocol } from './catalogue';

export type EndpointId =
  | 'chat'
  | 'messages'
  | 'responses'
  | 'completions'
  | 'embeddings'
  | 'images_generations'
  | 'images_edits'
  | 'images_variations'
  | 'audio_speech'
  | 'audio_transcriptions'
  | 'audio_translations'
  | 'gemini_generate'
  | 'gemini_embed'
  | 'gemini_batch_embed'
  | 'gemini_count_tokens';

export interface EndpointSpec {
  id: EndpointId;
  path: string;
  clientProtocol: WireProtocol;
  body: 'json' | 'form' | 'json_or_form';
  /** Whether the endpoint can stream SSE (`stream: true`). */
  streams: boolean;
}

export const ENDPOINTS: readonly EndpointSpec[] = [
  { id: 'chat', path: '/v1/chat/completions', clientProtocol: 'openai', body: 'json', streams: true },
  { id: 'messages', path: '/v1/messages', clientProtocol: 'anthropic', body: 'json', streams: true },
  { id: 'responses', path: '/v1/responses', clientProtocol: 'openai_responses', body: 'json', streams: true },
  { id: 'completions', path: '/v1/completions', clientProtocol: 'openai', body: 'json', streams: true },
  { id: 'embeddings', path: '/v1/embeddings', clientProtocol: 'openai', body: 'json', streams: false },
  {
    id: 'images_generations',
    path: '/v1/images/generations',
    clientProtocol: 'openai',
    body: 'json_or_form',
    streams: true,
  },
  {
    id: 'images_edits',
    path: '/v1/images/edits',
    clientProtocol: 'openai',
    body: 'json_or_form',
    streams: true,
  },
  {
    id: 'images_variations',
    path: '/v1/images/variations',
    clientProtocol: 'openai',
    body: 'json_or_form',
    streams: false,
  },
  { id: 'audio_speech', path: '/v1/audio/speech', clientProtocol: 'openai', body: 'json', streams: true },
  {
    id: 'audio_transcriptions',
    path: '/v1/audio/transcriptions',
    clientProtocol: 'openai',
    body: 'form',
    streams: true,
  },
  {
    id: 'audio_translations',
    path: '/v1/audio/translations',
    clientProtocol: 'openai',
    body: 'form',
    streams: false,
  },
];

/**
 * The inbound Gemini API (`/v1beta`): the model and, for `generate`, the stream flag are in the URL
 * (`/v1beta/models/{model}:generateContent` or `:streamGenerateContent`), never in the body.
 */
export const GEMINI_ENDPOINTS: readonly EndpointSpec[] = [
  {
    id: 'gemini_generate',
    path: '/v1beta/models/{model}:generateContent',
    clientProtocol: 'gemini',
    body: 'json',
    streams: true,
  },
  {
    id: 'gemini_embed',
    path: '/v1beta/models/{model}:embedContent',
    clientProtocol: 'gemini',
    body: 'json',
    streams: false,
  },
  {
    id: 'gemini_batch_embed',
    path: '/v1beta/models/{model}:batchEmbedContents',
    clientProtocol: 'gemini',
    body: 'json',
    streams: false,
  },
  {
    id: 'gemini_count_tokens',
    path: '/v1beta/models/{model}:countTokens',
    clientProtocol: 'gemini',
    body: 'json',
    streams: false,
  },
];
