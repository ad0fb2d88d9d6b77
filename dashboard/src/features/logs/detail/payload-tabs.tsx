// Owns the log's payloads: prompt by role, original vs converted request, upstream vs client response, headers.
import { useState } from 'react';
import { JsonView } from '../../../components/ui/json-view';
import { Tabs } from '../../../components/ui/tabs';
import { useT } from '../../../lib/i18n';
import { PromptView } from '../prompt/prompt-view';
import type { LogDetail } from '../types';
import { EventsView } from './events-view';

type Tab = 'prompt' | 'request' | 'response' | 'headers';

function HeadersTable({ headers }: { headers: Record<string, string> | null }) {
  const t = useT();
  const entries = Object.entries(headers ?? {});
  if (entries.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <table className="table table-compact">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <td className="mono nowrap">{k}</td>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ResponsePane({ log, side }: { log: LogDetail; side: 'upstream' | 'client' }) {
  const t = useT();
  const title = side === 'upstream' ? t('logs.upstreamResponse') : t('logs.clientResponse');
  const same = side === 'client' && log.client_response === null && log.client_events === null;
  if (same) return <p className="muted">{t('logs.sameAsUpstream')}</p>;
  const events = side === 'upstream' ? log.upstream_events : log.client_events;
  if (events) return <EventsView events={events} title={title} />;
  return (
    <JsonView
      title={title}
      value={side === 'upstream' ? log.upstream_response : log.client_response}
      emptyText={t('logs.noBody')}
    />
  );
}

export function PayloadTabs({ log }: { log: LogDetail }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('prompt');
  return (
    <section className="card" data-testid="log-payloads">
      <div className="card-body stack">
        <Tabs<Tab>
          items={[
            { id: 'prompt', label: t('logs.tabPrompt') },
            { id: 'request', label: t('logs.tabRequest') },
            { id: 'response', label: t('logs.tabResponse') },
            { id: 'headers', label: t('logs.tabHeaders') },
          ]}
          value={tab}
          onChange={setTab}
        />
        {tab === 'prompt' && <PromptView body={log.request_body ?? log.converted_request} />}
        {tab === 'request' && (
          <div className="grid-2">
            <JsonView
              title={t('logs.originalRequest')}
              value={log.request_body}
              emptyText={t('logs.noBody')}
            />
            <JsonView
              title={t('logs.convertedRequest')}
              value={log.converted_request}
              emptyText={t('logs.notConverted')}
            />
          </div>
        )}
        {tab === 'response' && (
          <div className="grid-2">
            <ResponsePane log={log} side="upstream" />
            <ResponsePane log={log} side="client" />
          </div>
        )}
        {tab === 'headers' && (
          <div className="grid-2">
            <div>
              <h3>{t('logs.requestHeaders')}</h3>
              <HeadersTable headers={log.request_headers} />
            </div>
            <div>
              <h3>{t('logs.responseHeaders')}</h3>
              <HeadersTable headers={log.response_headers} />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
