// Owns server-side pagination controls: page numbers around the current one and the page size.
import { formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** `total` is a floor (the list stopped counting). */
  totalCapped?: boolean;
  onChange: (page: number, pageSize: number) => void;
  sizes?: number[];
}

function pagesAround(page: number, last: number): (number | 'gap')[] {
  const set = new Set([1, last, page - 1, page, page + 1].filter((p) => p >= 1 && p <= last));
  const sorted = [...set].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && p - prev > 1) out.push('gap');
    out.push(p);
  }
  return out;
}

export function Pagination({
  page,
  pageSize,
  total,
  totalCapped = false,
  onChange,
  sizes = [20, 50, 100],
}: PaginationProps) {
  const t = useT();
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label={t('common.pagination')}>
      <span className="muted">
        {t('common.totalItems', { n: `${formatNumber(total)}${totalCapped ? '+' : ''}` })}
      </span>
      <div className="pagination-pages">
        <button
          type="button"
          className="btn btn-sm"
          disabled={page <= 1}
          onClick={() => onChange(page - 1, pageSize)}
        >
          ‹ {t('common.prev')}
        </button>
        {pagesAround(page, last).map((p, i) =>
          p === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity
            <span key={`gap-${i}`} className="muted">
              …
            </span>
          ) : (
            <button
              key={p}
              type="button"
              className={p === page ? 'btn btn-sm btn-primary' : 'btn btn-sm'}
              aria-current={p === page ? 'page' : undefined}
              onClick={() => onChange(p, pageSize)}
            >
              {p}
            </button>
          ),
        )}
        <button
          type="button"
          className="btn btn-sm"
          disabled={page >= last && !totalCapped}
          onClick={() => onChange(page + 1, pageSize)}
        >
          {t('common.next')} ›
        </button>
      </div>
      <label className="pagination-size">
        <span className="muted">{t('common.pageSize')}</span>
        <select
          className="select select-sm"
          value={pageSize}
          onChange={(e) => onChange(1, Number(e.target.value))}
        >
          {sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
