// Owns where a Gemini call goes: the model and the method are part of the URL, the key is `x-goog-api-key`.

/** The `v1beta` methods the gateway calls or serves. */
export type GeminiMethod =
  | 'generateContent'
  | 'streamGenerateContent'
  | 'embedContent'
  | 'batchEmbedContents'
  | 'countTokens';

/** A model name without the `models/` resource prefix the API and its SDKs add. */
export function bareModelName(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}

/** The versioned API root: the base URL as given, or with `/v1beta` when it has no path. */
export function geminiBase(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return /^https?:\/\/[^/]+$/i.test(base) ? `${base}/v1beta` : base;
}

/**
 * `<base>/models/<model>:<method>` (`?alt=sse` for streams, so events arrive as SSE rather than one
 * JSON array). A base URL with no path gets the `v1beta` version, so both
 * `https://generativelanguage.googleapis.com` and `…/v1beta` work.
 */
export function geminiUrl(baseUrl: string, model: string, method: GeminiMethod): string {
  const url = `${geminiBase(baseUrl)}/models/${bareModelName(model)}:${method}`;
  return method === 'streamGenerateContent' ? `${url}?alt=sse` : url;
}
