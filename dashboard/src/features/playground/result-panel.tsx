// Owns the playground's answer: status and routing headers, timings, the text as it streams, raw events or body.
import { Link } from '@tanstack/react-router';
import { JsonView } from '../../components/ui/json-view';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { formatMs } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { EventsView } from '../logs/detail/events-view';
import type { RunState } from './run';

export function ResultPanel({ state }: { state: RunState }) {
  const t = useT();
  if (state.error) return <ErrorState error={state.error} />;
  if (state.status === null) {
    return state.running ? (
      <Loading label={t('playground.waiting')} />
    ) : (
      <Empty title={t('playground.idle')} hint={t('playground.idleHint')} />
    );
  }
  const ok = state.status < 400;
  return (
    <div className="stack" data-testid="playground-result">
      <div className="row">
        <span className={ok ? 'badge badge-success' : 'badge badge-danger'}>{state.status}</span>
        {state.running && <Loading inline label={t('logs.streaming')} />}
      </div>
      <dl className="kv">
        <dt>{t('logs.provider')}</dt>
        <dd>{state.provider ?? '—'}</dd>
        <dt>{t('models.targetModel')}</dt>
        <dd className="mono">{state.model ?? '—'}</dd>
        <dt>{t('logs.ttfb')}</dt>
        <dd>{formatMs(state.firstTokenMs)}</dd>
        <dt>{t('logs.totalTime')}</dt>
        <dd>{state.running ? '…' : formatMs(state.totalMs)}</dd>
        <dt>{t('logs.retries')}</dt>
        <dd>{state.retries ?? '0'}</dd>
        <dt>{t('logs.traceId')}</dt>
        <dd className="mono">
          {state.traceId && !state.running ? (
            <Link to="/logs" search={{ trace_id: state.traceId, range: 'all' }}>
              {state.traceId}
            </Link>
          ) : (
            (state.traceId ?? '—')
          )}
        </dd>
      </dl>
      {state.reasoning && (
        <details className="prompt-thinking">
          <summary>{t('prompt.thinking')}</summary>
          <div className="prompt-text">{state.reasoning}</div>
        </details>
      )}
      {state.text && (
        <div className="card card-body prompt-text" data-testid="playground-text">
          {state.text}
        </div>
      )}
      {state.events ? (
        <EventsView events={state.events} title={t('playground.events')} />
      ) : (
        <JsonView value={state.body} title={t('playground.responseBody')} />
      )}
    </div>
  );
}
