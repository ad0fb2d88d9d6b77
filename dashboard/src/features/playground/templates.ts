// Owns the starting bodies of an empty playground, one per protocol, and protocol names from logs.
import type { PlaygroundProtocol } from './run';

export const PROTOCOLS: { id: PlaygroundProtocol; label: string; path: string }[] = [
  { id: 'openai', label: 'OpenAI Chat', path: '/v1/chat/completions' },
  { id: 'anthropic', label: 'Anthropic Messages', path: '/v1/messages' },
  { id: 'openai_responses', label: 'OpenAI Responses', path: '/v1/responses' },
  { id: 'completions', label: 'OpenAI Completions (legacy)', path: '/v1/completions' },
];

export function toProtocol(value: string | null | undefined): PlaygroundProtocol {
  return value === 'anthropic' || value === 'openai_responses' || value === 'completions' ? value : 'openai';
}

export function template(protocol: PlaygroundProtocol, model: string): Record<string, unknown> {
  if (protocol === 'anthropic') {
    return {
      model,
      max_tokens: 1024,
      stream: true,
      messages: [{ role: 'user', content: 'Hello! Who are you?' }],
    };
  }
  if (protocol === 'openai_responses') return { model, stream: true, input: 'Hello! Who are you?' };
  if (protocol === 'completions')
    return { model, stream: true, max_tokens: 256, prompt: 'Hello! Who are you?' };
  return { model, stream: true, messages: [{ role: 'user', content: 'Hello! Who are you?' }] };
}

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
