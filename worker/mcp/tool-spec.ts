// Owns the shape of an MCP tool: its input schema, whether it writes, and the admin call it makes.
import type { z } from 'zod';
import type { AdminCall } from './dispatch';

export interface McpTool {
  name: string;
  description: string;
  /** Write tools run only with MCP_ALLOW_WRITE=true. */
  write: boolean;
  input: z.ZodObject;
  /** The admin call for validated arguments. */
  call: (args: unknown) => AdminCall;
  /** `create_api_key` shows the new key once, as the admin API does. */
  revealsKey?: boolean;
  /** A note for the caller about what was ignored in its arguments. */
  warning?: (args: unknown) => string | null;
}

/** Declares a tool; its arguments are parsed by its own schema before the call is built. */
export function tool<S extends z.ZodObject>(spec: {
  name: string;
  description: string;
  write?: boolean;
  input: S;
  call: (args: z.output<S>) => AdminCall;
  revealsKey?: boolean;
  warning?: (args: z.output<S>) => string | null;
}): McpTool {
  const { warning } = spec;
  return {
    name: spec.name,
    description: spec.description,
    write: spec.write ?? false,
    input: spec.input,
    call: (args) => spec.call(spec.input.parse(args)),
    revealsKey: spec.revealsKey,
    warning: warning ? (args) => warning(spec.input.parse(args)) : undefined,
  };
}

/** A path segment from a user-given value (model names may hold slashes, kept as path separators). */
export function segment(value: string | number): string {
  return String(value).split('/').map(encodeURIComponent).join('/');
}
