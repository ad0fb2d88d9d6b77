// Owns replaying a logged request: runs it through the gateway again and shows the answer, streamed or not.
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { JsonView } from '../../../components/ui/json-view';
import { ErrorState, Loading } from '../../../components/ui/states';
import { useT } from '../../../lib/i18n';
import { textFromResponse } from '../../../lib/llm-text';
import { type SseEvent, SseParser } from '../../../lib/schemas';
import { retryLog } from '../api';
import { EventsView } from './events-view';

interface Outcome {
  status: number;
  traceId: string | null;
  body?: unknown;
  events?: { event: string | null; data: unknown }[];
}

function parseData(e: SseEvent) {
  try {
    return { event: e.event ?? null, data: JSON.parse(e.data) as unknown };
  } catch {
    return { event: e.event ?? null, data: e.data };
  }
}

export function RetryDialog({ logId, onClose }: { logId: string; onClose: () => void }) {
  const t = useT();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    abort.current = ctrl;
    (async () => {
      const res = await retryLog(logId, ctrl.signal);
      if ('json' in res) {
        setOutcome({
          status: res.json.response_status,
          traceId: res.json.trace_id,
          body: res.json.response_body,
        });
        return;
      }
      const traceId = res.stream.headers.get('x-gateway-replay-trace-id');
      const parser = new SseParser();
      const events: Outcome['events'] = [];
      const reader = res.stream.body?.getReader();
      setOutcome({ status: res.stream.status, traceId, events: [] });
      while (reader) {
        const { value, done: end } = await reader.read();
        const fresh = end ? parser.end() : parser.push(value);
        events.push(...fresh.map(parseData));
        setOutcome({ status: res.stream.status, traceId, events: [...events] });
        if (end) break;
      }
    })()
      .catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) setError(err);
      })
      .finally(() => setDone(true));
    return () => ctrl.abort();
  }, [logId]);

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={t('logs.retryTitle')}
      footer={
        <button type="button" className="btn" onClick={onClose}>
          {done ? t('common.close') : t('common.cancel')}
        </button>
      }
    >
      {error !== null ? (
        <ErrorState error={error} />
      ) : !outcome ? (
        <Loading label={t('logs.retrying')} />
      ) : (
        <div className="stack" data-testid="retry-result">
          <div className="row">
            <span className={outcome.status < 400 ? 'badge badge-success' : 'badge badge-danger'}>
              {outcome.status}
            </span>
            {!done && <Loading inline label={t('logs.streaming')} />}
            <span className="spacer" />
            {outcome.traceId && done && (
              <Link to="/logs" search={{ trace_id: outcome.traceId, range: 'all' }} onClick={onClose}>
                {t('logs.openNewLog')}
              </Link>
            )}
          </div>
          {outcome.events ? (
            <EventsView events={outcome.events} title={t('logs.clientResponse')} />
          ) : (
            <>
              {textFromResponse(outcome.body).text && (
                <div className="prompt-text card card-body">{textFromResponse(outcome.body).text}</div>
              )}
              <JsonView value={outcome.body} />
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
