// Owns the stacked bar chart (hand-written SVG): time buckets, stacked series, hover details, click to pick.
import { useState } from 'react';
import { useWidth } from './use-width';

export interface ChartSeries {
  key: string;
  label: string;
  /** A CSS colour, usually a theme variable such as `var(--chart-1)`. */
  color: string;
}

export interface ChartBucket {
  /** Axis label of the bucket. */
  label: string;
  /** Longer label for the hover box. */
  title: string;
  values: Record<string, number>;
}

export interface BarChartProps {
  buckets: ChartBucket[];
  series: ChartSeries[];
  height?: number;
  format: (n: number) => string;
  onPick?: (index: number) => void;
  ariaLabel: string;
  totalLabel?: string;
}

const PAD = { top: 8, right: 8, bottom: 22, left: 52 };

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * exp >= max) ?? 10;
  return step * exp;
}

export function BarChart({
  buckets,
  series,
  height = 180,
  format,
  onPick,
  ariaLabel,
  totalLabel,
}: BarChartProps) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const totals = buckets.map((b) => series.reduce((sum, s) => sum + (b.values[s.key] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const innerW = Math.max(10, width - PAD.left - PAD.right);
  const innerH = height - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, buckets.length);
  const barW = Math.max(1, Math.min(40, slot * 0.72));
  const labelEvery = Math.max(1, Math.ceil(buckets.length / Math.max(1, Math.floor(innerW / 70))));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const hovered = hover === null ? null : buckets[hover];
  return (
    <div className="chart" ref={ref}>
      <svg width={width} height={height} role="img" aria-label={ariaLabel}>
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line
              className="chart-grid"
              x1={PAD.left}
              x2={width - PAD.right}
              y1={y(max * f)}
              y2={y(max * f)}
            />
            <text className="chart-axis" x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end">
              {format(max * f)}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let acc = 0;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: the chart has a table-free summary; bars add hover/zoom
            <g
              key={b.title}
              className={onPick ? 'chart-bar clickable' : 'chart-bar'}
              onMouseEnter={() => setHover(i)}
              onMouseLeave={() => setHover(null)}
              onClick={onPick ? () => onPick(i) : undefined}
              data-testid="chart-bar"
            >
              <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={innerH} fill="transparent" />
              {series.map((s) => {
                const v = b.values[s.key] ?? 0;
                if (v <= 0) return null;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return (
                  <rect
                    key={s.key}
                    x={x}
                    y={top}
                    width={barW}
                    height={Math.max(h, 0.5)}
                    fill={s.color}
                    rx={1}
                  />
                );
              })}
              {i % labelEvery === 0 && (
                <text className="chart-axis" x={x + barW / 2} y={height - 6} textAnchor="middle">
                  {b.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {hovered && hover !== null && (
        <div
          className="chart-tip"
          style={{ left: Math.min(width - 170, Math.max(0, PAD.left + hover * slot + slot / 2 - 85)) }}
        >
          <strong>{hovered.title}</strong>
          {series.map((s) => (
            <div key={s.key} className="chart-tip-row">
              <span className="dot" style={{ background: s.color }} />
              <span>{s.label}</span>
              <span className="spacer" />
              <span>{format(hovered.values[s.key] ?? 0)}</span>
            </div>
          ))}
          {series.length > 1 && totalLabel && (
            <div className="chart-tip-row">
              <span>{totalLabel}</span>
              <span className="spacer" />
              <span>{format(totals[hover] ?? 0)}</span>
            </div>
          )}
        </div>
      )}
      <div className="chart-legend">
        {series.map((s) => (
          <span key={s.key}>
            <span className="dot" style={{ background: s.color }} /> {s.label}
          </span>
        ))}
      </div>
    </div>
  );
}
