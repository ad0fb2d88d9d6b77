// Owns the Markdown of `npm run load:analytics`: rows, bytes per row, capacity, and each endpoint's time.

export interface Timing {
  name: string;
  ms: number;
}

export interface AnalyticsReport {
  rows: number;
  requests: number;
  days: number;
  bytes: number;
  bytes_per_row: number;
  tableBytes: number;
  breakdown: { name: string; bytes: number }[];
  loadS: number;
  left: number;
  timings: Timing[];
}

const GB10 = 10 * 1024 ** 3;
const ROLLUP_DAYS = 400;

/**
 * Requests a day that fit D1's 10 GB: index rows cost `rawPerRow` bytes and live `days` days; rollups
 * cost `rollupPerDay` bytes a day (they grow with the mix of models, keys and providers, not with
 * the request count) and live `rollupDays`.
 */
export function capacityPerDay(
  rawPerRow: number,
  days: number,
  rollupPerDay: number,
  rollupDays: number,
): number {
  return Math.max(0, Math.floor((GB10 - rollupPerDay * rollupDays) / (rawPerRow * days)));
}

export function renderAnalytics(r: AnalyticsReport): string {
  const perRow = r.bytes_per_row;
  const tablePerRow = r.tableBytes ? Math.round(r.tableBytes / r.rows) : null;
  const lines = [
    `# Analytics at scale — ${new Date().toISOString()}`,
    '',
    `- Command: \`npm run load:analytics -- --rows ${r.requests} --days ${r.days}\``,
    `- ${r.requests} synthetic requests (1 % with a failed attempt first) over ${r.days} days, stored through the log consumer's own \`storeRecords\` inside workerd in ${r.loadS.toFixed(0)} s; **${r.rows} index rows** counted back from D1.`,
    `- D1: ${(r.bytes / 1048576).toFixed(1)} MiB in all, **${perRow} bytes per index row** (everything: rows, indexes, rollups)${tablePerRow ? `; request_logs with its indexes alone ${tablePerRow} bytes per row` : ''}.`,
    '',
    '| query (through the Worker, median of 3 after a warm-up) | ms |',
    '| --- | ---: |',
    ...r.timings.map((t) => `| ${t.name} | ${t.ms} |`),
    '',
  ];
  if (r.breakdown.length > 0) {
    lines.push('| D1 object | MiB | bytes per index row |', '| --- | ---: | ---: |');
    for (const b of r.breakdown.slice(0, 12)) {
      lines.push(`| ${b.name} | ${(b.bytes / 1048576).toFixed(1)} | ${(b.bytes / r.rows).toFixed(1)} |`);
    }
    lines.push('');
  }
  const rollupBytes = r.breakdown
    .filter((b) => b.name.includes('log_rollups'))
    .reduce((n, b) => n + b.bytes, 0);
  const rollupPerDay = rollupBytes / r.days;
  const raw = tablePerRow ?? perRow;
  lines.push(
    `Capacity: an index row costs ${raw} bytes; the rollups grow by ${(rollupPerDay / 1024).toFixed(0)} KiB a day for this traffic mix (kept ${ROLLUP_DAYS} days).`,
    '',
    '| LOG_RETENTION_DAYS (index rows) | requests/day that fit D1’s 10 GB |',
    '| --- | ---: |',
    ...[7, 30, 90].map(
      (d) => `| ${d} days | ${capacityPerDay(raw, d, rollupPerDay, ROLLUP_DAYS).toLocaleString('en-US')} |`,
    ),
    '',
  );
  if (r.left > 0) lines.push(`Retention had not finished: ${r.left} rows of the expired day were left.`, '');
  return lines.join('\n');
}
