// Owns showing a JSON value (or text that may hold JSON) pretty-printed, with copy and wrap toggles.
import { useMemo, useState } from 'react';
import { useT } from '../../lib/i18n';
import { CopyButton } from './copy-button';

/** Pretty text for a value; a string that parses as JSON is pretty-printed too. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

export function JsonView({
  value,
  emptyText,
  maxHeight = 480,
  title,
}: {
  value: unknown;
  emptyText?: string;
  maxHeight?: number;
  title?: string;
}) {
  const t = useT();
  const [wrap, setWrap] = useState(true);
  const text = useMemo(() => prettyJson(value), [value]);
  if (!text) return <p className="muted">{emptyText ?? t('common.none')}</p>;
  return (
    <div className="code-block">
      <div className="code-toolbar">
        {title && <span className="code-title">{title}</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => setWrap(!wrap)}>
          {wrap ? t('common.noWrap') : t('common.wrap')}
        </button>
        <CopyButton text={text} small />
      </div>
      <pre className={wrap ? 'code wrap' : 'code'} style={{ maxHeight }}>
        {text}
      </pre>
    </div>
  );
}
