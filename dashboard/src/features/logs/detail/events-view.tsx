// Owns showing a streamed body as its parsed events: structured or raw, wrapped or not, text rebuilt on top.
import { useMemo, useState } from 'react';
import { CopyButton } from '../../../components/ui/copy-button';
import { useT } from '../../../lib/i18n';
import { textFromEvents } from '../../../lib/llm-text';
import type { SseRecord } from '../types';

function rawText(events: SseRecord[]): string {
  return events
    .map(
      (e) =>
        `${e.event ? `event: ${e.event}\n` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n`,
    )
    .join('\n');
}

export function EventsView({ events, title }: { events: SseRecord[]; title: string }) {
  const t = useT();
  const [raw, setRaw] = useState(false);
  const [wrap, setWrap] = useState(true);
  const text = useMemo(() => textFromEvents(events), [events]);
  const asRaw = useMemo(() => rawText(events), [events]);
  return (
    <div className="code-block" data-testid="events-view">
      <div className="code-toolbar">
        <span className="code-title">
          {title} · {t('logs.eventCount', { n: events.length })}
        </span>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => setRaw(!raw)}>
          {raw ? t('logs.structured') : t('logs.raw')}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => setWrap(!wrap)}>
          {wrap ? t('common.noWrap') : t('common.wrap')}
        </button>
        <CopyButton text={asRaw} small />
      </div>
      {(text.text || text.reasoning) && (
        <div className="events-text">
          {text.reasoning && (
            <details>
              <summary>{t('prompt.thinking')}</summary>
              <div className="prompt-text">{text.reasoning}</div>
            </details>
          )}
          <div className="prompt-text">{text.text}</div>
        </div>
      )}
      {raw ? (
        <pre className={wrap ? 'code wrap' : 'code'} style={{ maxHeight: 480 }}>
          {asRaw}
        </pre>
      ) : (
        <ol className={wrap ? 'events wrap' : 'events'}>
          {events.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: events are an ordered stream
            <li key={i}>
              <span className="event-index">{i + 1}</span>
              {e.event && <span className="badge badge-info">{e.event}</span>}
              {e.data === '[DONE]' ? (
                <span className="badge badge-muted">[DONE]</span>
              ) : (
                <code>{typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}</code>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
