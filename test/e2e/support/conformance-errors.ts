// Assertions on the errors the official SDKs raise: typed, with the upstream's status and message, never a timeout.
import {
  type APIError as AnthropicApiError,
  APIConnectionError as AnthropicConnectionError,
} from '@anthropic-ai/sdk';
import { type APIError as OpenAiApiError, APIConnectionError as OpenAiConnectionError } from 'openai';
import { expect } from 'vitest';

/** The rejection of `work`; fails when it resolves. */
export async function caught(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Any SDK error class, subclasses with a fixed status included. */
type ErrorClass = abstract new (...args: never[]) => Error;

/** An OpenAI SDK error of `kind`, not a connection failure or timeout, whose message matches `text`. */
export function expectOpenAiError(
  err: unknown,
  kind: ErrorClass,
  text: string | RegExp,
  status?: number,
): void {
  expect(err).toBeInstanceOf(kind);
  expect(err).not.toBeInstanceOf(OpenAiConnectionError);
  const e = err as OpenAiApiError;
  if (status !== undefined) expect(e.status).toBe(status);
  expect(e.message).toMatch(text);
}

/** An Anthropic SDK error of `kind`, not a connection failure or timeout, whose message matches `text`. */
export function expectAnthropicError(
  err: unknown,
  kind: ErrorClass,
  text: string | RegExp,
  status?: number,
): AnthropicApiError {
  expect(err).toBeInstanceOf(kind);
  expect(err).not.toBeInstanceOf(AnthropicConnectionError);
  const e = err as AnthropicApiError;
  if (status !== undefined) expect(e.status).toBe(status);
  expect(e.message).toMatch(text);
  return e;
}

/** What the gateway says when an upstream body or stream could not be converted. */
export const NOT_JSON = /not valid JSON/;
