// Owns "copy debug context": one Markdown document with what a support thread needs about a request.
import type { LogDetail } from '../types';

const LIMIT = 4000;

function block(value: unknown): string {
  if (value === null || value === undefined) return '_none_';
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const cut =
    text.length > LIMIT ? `${text.slice(0, LIMIT)}\n… (${text.length - LIMIT} more characters)` : text;
  return `\`\`\`\n${cut}\n\`\`\``;
}

/** The request as Markdown: summary, failure, client and upstream sides; long values are cut. */
export function debugContext(log: LogDetail): string {
  const summary = [
    `- trace: ${log.trace_id} (${log.kind})`,
    `- time: ${log.request_time}`,
    `- ${log.request_method ?? 'POST'} ${log.request_url ?? log.request_path ?? ''}`,
    `- model: ${log.requested_model ?? '-'} → ${log.target_model ?? '-'} via ${log.provider_name ?? '-'}`,
    `- protocols: ${log.request_protocol ?? '-'} → ${log.supplier_protocol ?? '-'}, stream: ${log.is_stream}`,
    `- status: ${log.response_status ?? '-'}, retries: ${log.retry_count}, ttfb: ${log.first_byte_delay_ms ?? '-'} ms, total: ${log.total_time_ms ?? '-'} ms`,
    `- tokens: in ${log.input_tokens ?? '-'}, out ${log.output_tokens ?? '-'}; cost: ${log.total_cost ?? '-'} (${log.price_source ?? '-'})`,
  ];
  const failure =
    log.error_message || log.error_info
      ? [`## Failure`, `${log.error_type ?? ''} ${log.error_message ?? ''}`, block(log.error_info)]
      : [];
  return [
    `# Gateway request ${log.id}`,
    ...summary,
    ...failure,
    '## Client request',
    block(log.request_body),
    '## Forwarded request',
    `${log.upstream_url ?? ''}`,
    block(log.converted_request ?? log.request_body),
    '## Upstream response',
    block(log.upstream_events ?? log.upstream_response),
    '## Client response',
    log.client_response === null && log.client_events === null
      ? '_same as upstream_'
      : block(log.client_events ?? log.client_response),
    '## Request headers',
    block(log.request_headers),
    '## Response headers',
    block(log.response_headers),
  ].join('\n\n');
}
