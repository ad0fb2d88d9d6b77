// Owns the error type names of both protocols and how one maps to the other when no HTTP status decides.

const ANTHROPIC_TO_OPENAI: Readonly<Record<string, string>> = {
  invalid_request_error: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  authentication_error: 'authentication_error',
  permission_error: 'permission_error',
  not_found_error: 'not_found_error',
  rate_limit_error: 'rate_limit_error',
  billing_error: 'insufficient_quota',
  api_error: 'server_error',
  overloaded_error: 'server_error',
  timeout_error: 'server_error',
};

const OPENAI_TO_ANTHROPIC: Readonly<Record<string, string>> = {
  invalid_request_error: 'invalid_request_error',
  authentication_error: 'authentication_error',
  permission_error: 'permission_error',
  not_found_error: 'not_found_error',
  rate_limit_error: 'rate_limit_error',
  insufficient_quota: 'billing_error',
  server_error: 'api_error',
};

export function anthropicTypeToOpenai(type: string): string {
  return ANTHROPIC_TO_OPENAI[type] ?? 'server_error';
}

export function openaiTypeToAnthropic(type: string): string {
  return OPENAI_TO_ANTHROPIC[type] ?? 'api_error';
}
