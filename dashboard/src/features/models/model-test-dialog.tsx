// Owns the model test: a real request through the gateway, showing provider, status, latency, first token, text.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog } from '../../components/ui/dialog';
import { Field, Switch } from '../../components/ui/field';
import { ErrorState } from '../../components/ui/states';
import { formatMs } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { testModel } from './api';
import type { ModelTestResult, TestProtocol } from './types';

const PROTOCOLS: { id: TestProtocol; label: string }[] = [
  { id: 'openai', label: 'OpenAI Chat' },
  { id: 'anthropic', label: 'Anthropic Messages' },
  { id: 'openai_responses', label: 'OpenAI Responses' },
];

function toTestProtocol(p: string | undefined): TestProtocol {
  return p === 'anthropic' || p === 'openai_responses' ? p : 'openai';
}

export function ModelTestDialog({
  model,
  protocols,
  onClose,
}: {
  model: string;
  protocols: string[];
  onClose: () => void;
}) {
  const t = useT();
  const [protocol, setProtocol] = useState<TestProtocol>(toTestProtocol(protocols[0]));
  const [stream, setStream] = useState(false);
  const [prompt, setPrompt] = useState(t('models.testPromptDefault'));
  const run = useMutation({
    mutationFn: () => testModel(model, { protocol, stream, prompt: prompt.trim() || undefined }),
  });
  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={t('models.testTitle', { name: model })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={run.isPending}
            onClick={() => run.mutate()}
          >
            {run.isPending ? t('models.testing') : t('models.runTest')}
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="field-hint">{t('models.testHint')}</p>
        <div className="grid-2">
          <Field label={t('models.testProtocol')}>
            <select
              className="select"
              value={protocol}
              onChange={(e) => setProtocol(toTestProtocol(e.target.value))}
            >
              {PROTOCOLS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </Field>
          <div className="field">
            <span className="field-label">&nbsp;</span>
            <Switch checked={stream} onChange={setStream} label={t('models.testStream')} />
          </div>
        </div>
        <Field label={t('models.testPrompt')}>
          <textarea
            className="textarea"
            rows={3}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
          />
        </Field>
        {run.isError && <ErrorState error={run.error} />}
        {run.data && <TestResult result={run.data} />}
      </div>
    </Dialog>
  );
}

function TestResult({ result }: { result: ModelTestResult }) {
  const t = useT();
  const ok = result.response_status >= 200 && result.response_status < 400 && !result.error;
  const error = typeof result.error === 'string' ? result.error : result.error?.message;
  return (
    <div className="stack" data-testid="model-test-result">
      <dl className="kv">
        <dt>{t('common.status')}</dt>
        <dd>
          <span className={ok ? 'badge badge-success' : 'badge badge-danger'}>{result.response_status}</span>
        </dd>
        <dt>{t('logs.provider')}</dt>
        <dd>{result.provider_name ?? '—'}</dd>
        <dt>{t('models.targetModel')}</dt>
        <dd className="mono">{result.target_model ?? '—'}</dd>
        <dt>{t('logs.totalTime')}</dt>
        <dd>{formatMs(result.total_time_ms)}</dd>
        <dt>{t('logs.ttfb')}</dt>
        <dd>{formatMs(result.first_byte_delay_ms)}</dd>
        <dt>{t('logs.traceId')}</dt>
        <dd className="mono">{result.trace_id ?? '—'}</dd>
      </dl>
      {error && <div className="notice notice-danger">{error}</div>}
      {result.content && <pre className="code wrap code-block">{result.content}</pre>}
    </div>
  );
}
