// Owns how Vertex AI is addressed: Claude's rawPredict methods and the body Anthropic-on-Vertex takes.

/** `<base>/models/<model>:rawPredict` (or `:streamRawPredict`), under a `…/publishers/anthropic` base. */
export function vertexAnthropicUrl(baseUrl: string, model: string, stream: boolean): string {
  return `${baseUrl.replace(/\/+$/, '')}/models/${model}:${stream ? 'streamRawPredict' : 'rawPredict'}`;
}

/** The Anthropic Messages body as Vertex takes it: the model is in the URL, the version in the body. */
export function vertexAnthropicBody(body: Record<string, unknown>): Record<string, unknown> {
  const { model: _model, ...rest } = body;
  return { anthropic_version: 'vertex-2023-10-16', ...rest };
}
