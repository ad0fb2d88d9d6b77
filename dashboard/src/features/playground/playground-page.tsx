// Owns the playground: edit a logged request (or start empty), pick protocol, key and stream, run, watch it stream.
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { Field, FormError, Switch } from '../../components/ui/field';
import { KeyValueEditor, type Pair } from '../../components/ui/key-value-editor';
import { useT } from '../../lib/i18n';
import { allApiKeysQuery } from '../api-keys/api';
import { logDetailQuery } from '../logs/api';
import { modelNamesQuery } from '../models/api';
import { ResultPanel } from './result-panel';
import { type PlaygroundProtocol, usePlaygroundRun } from './run';
import { PROTOCOLS, pretty, template, toProtocol } from './templates';

const route = getRouteApi('/_app/playground');

function parseBody(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function PlaygroundPage() {
  const { id } = route.useSearch();
  // A new log id starts a fresh editor rather than keeping the previous request's text.
  return <PlaygroundEditor key={id ?? ''} id={id} />;
}

function PlaygroundEditor({ id }: { id: string | undefined }) {
  const t = useT();
  const { data: keys } = useSuspenseQuery(allApiKeysQuery());
  const { data: models } = useSuspenseQuery(modelNamesQuery());
  const log = useQuery({ ...logDetailQuery(id ?? ''), enabled: Boolean(id) }).data;
  const [protocol, setProtocol] = useState<PlaygroundProtocol>(
    toProtocol(log?.request_path === '/v1/completions' ? 'completions' : log?.request_protocol),
  );
  const [bodyText, setBodyText] = useState(() =>
    pretty(
      log?.request_body && typeof log.request_body === 'object'
        ? log.request_body
        : template(protocol, models[0] ?? ''),
    ),
  );
  const [keyId, setKeyId] = useState(String(log?.api_key_id ?? keys.find((k) => k.is_active)?.id ?? ''));
  const [headers, setHeaders] = useState<Pair[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { state, run, stop } = usePlaygroundRun();
  const body = parseBody(bodyText);

  function changeProtocol(next: PlaygroundProtocol) {
    const untouched =
      body && PROTOCOLS.some((p) => pretty(template(p.id, String(body.model ?? ''))) === bodyText);
    setProtocol(next);
    if (untouched) setBodyText(pretty(template(next, String(body?.model ?? ''))));
  }

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!body) next.body = t('validation.jsonObject');
    else if (typeof body.model !== 'string' || !body.model) next.body = t('playground.modelRequired');
    if (!keyId) next.key = t('playground.keyRequired');
    if (headers.some((h) => !h.key.trim())) next.headers = t('validation.headerName');
    setErrors(next);
    if (Object.keys(next).length > 0 || !body) return;
    const extra = Object.fromEntries(headers.map((h) => [h.key.trim(), h.value]));
    void run({ protocol, body, api_key_id: Number(keyId), headers: headers.length ? extra : undefined });
  }

  return (
    <div className="page">
      <PageHeader
        title={t('playground.title')}
        subtitle={log ? t('playground.fromLog', { id: log.id }) : t('playground.subtitle')}
      />
      <div className="grid-2 playground">
        <form className="card card-body stack" onSubmit={submit} noValidate>
          <div className="grid-2">
            <Field label={t('playground.protocol')}>
              <select
                className="select"
                value={protocol}
                onChange={(e) => changeProtocol(toProtocol(e.target.value))}
              >
                {PROTOCOLS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label} · {p.path}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('logs.apiKey')} error={errors.key} required>
              <select className="select" value={keyId} onChange={(e) => setKeyId(e.target.value)}>
                <option value="">{t('playground.chooseKey')}</option>
                {keys.map((k) => (
                  <option key={k.id} value={k.id} disabled={!k.is_active}>
                    {k.key_name}
                    {k.is_active ? '' : ` — ${t('common.disabled')}`}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="row">
            <Switch
              checked={body?.stream === true}
              disabled={!body}
              onChange={(v) => body && setBodyText(pretty({ ...body, stream: v }))}
              label={t('playground.stream')}
            />
            <label className="field field-inline grow">
              <span className="field-label">{t('playground.model')}</span>
              <select
                className="select"
                value={typeof body?.model === 'string' ? body.model : ''}
                disabled={!body}
                onChange={(e) => body && setBodyText(pretty({ ...body, model: e.target.value }))}
              >
                <option value="">—</option>
                {models.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <Field
            label={t('playground.body')}
            error={errors.body ?? (body ? undefined : t('validation.json'))}
          >
            <textarea
              className="textarea"
              rows={20}
              spellCheck={false}
              value={bodyText}
              onChange={(e) => setBodyText(e.target.value)}
              data-testid="playground-body"
            />
          </Field>
          <div className="field">
            <span className="field-label">{t('playground.headers')}</span>
            <KeyValueEditor
              pairs={headers}
              onChange={setHeaders}
              keyPlaceholder={t('providers.headerName')}
              valuePlaceholder={t('providers.headerValue')}
            />
          </div>
          <FormError message={errors.headers} />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={state.running}>
              ▷ {t('common.run')}
            </button>
            {state.running && (
              <button type="button" className="btn" onClick={stop}>
                {t('playground.stop')}
              </button>
            )}
          </div>
        </form>
        <div className="card card-body">
          <ResultPanel state={state} />
        </div>
      </div>
    </div>
  );
}
