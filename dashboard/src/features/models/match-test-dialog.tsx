// Owns the match test: describe a request (tokens, headers, body, key) and see the simulated routing order.
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { ErrorState } from '../../components/ui/states';
import { useForm } from '../../lib/form';
import { formatCost, formatNumber, formatPercent, formatPrice } from '../../lib/format';
import { type Translate, useT } from '../../lib/i18n';
import { jsonObjectField, numberField } from '../../lib/zod-fields';
import { matchModel } from './api';
import type { MatchResult } from './types';

/** Headers typed as a JSON object or as `name: value` lines. */
function headersField(t: Translate) {
  return z.string().transform((text, ctx): Record<string, string> | undefined => {
    const s = text.trim();
    if (!s) return undefined;
    if (s.startsWith('{')) {
      try {
        const obj = JSON.parse(s) as Record<string, unknown>;
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)]));
      } catch {
        ctx.addIssue({ code: 'custom', message: t('validation.json') });
        return z.NEVER;
      }
    }
    const out: Record<string, string> = {};
    for (const line of s.split('\n')) {
      if (!line.trim()) continue;
      const at = line.indexOf(':');
      if (at <= 0) {
        ctx.addIssue({ code: 'custom', message: t('match.headerLine', { line: line.trim() }) });
        return z.NEVER;
      }
      out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return out;
  });
}

export function MatchTestDialog({ model, onClose }: { model: string; onClose: () => void }) {
  const t = useT();
  const form = useForm({ input_tokens: '', headers: '', body: '', api_key: '' });
  const { values, errors, set } = form;
  const schema = z.object({
    input_tokens: numberField(t, { min: 0, int: true }).transform((n) => n ?? undefined),
    headers: headersField(t),
    body: jsonObjectField(t),
    api_key: z.string().transform((s) => s.trim() || undefined),
  });
  const run = useMutation({ mutationFn: (body: z.output<typeof schema>) => matchModel(model, body) });
  return (
    <Dialog
      open
      size="xl"
      onClose={onClose}
      title={t('match.title', { name: model })}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="submit" form="match-form" className="btn btn-primary" disabled={run.isPending}>
            {t('match.run')}
          </button>
        </>
      }
    >
      <form
        id="match-form"
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const body = form.validate(schema);
          if (body) run.mutate(body);
        }}
      >
        <p className="field-hint">{t('match.hint')}</p>
        <div className="grid-2">
          <Field label={t('match.inputTokens')} error={errors.input_tokens} hint={t('match.inputTokensHint')}>
            <input
              className="input"
              name="input_tokens"
              inputMode="numeric"
              value={values.input_tokens}
              onChange={(e) => set('input_tokens', e.target.value)}
            />
          </Field>
          <Field label={t('match.apiKey')} error={errors.api_key} hint={t('match.apiKeyHint')}>
            <input
              className="input mono"
              value={values.api_key}
              onChange={(e) => set('api_key', e.target.value)}
            />
          </Field>
        </div>
        <div className="grid-2">
          <Field label={t('match.headers')} error={errors.headers} hint={t('match.headersHint')}>
            <textarea
              className="textarea"
              name="headers"
              rows={4}
              value={values.headers}
              placeholder="x-priority: high"
              onChange={(e) => set('headers', e.target.value)}
            />
          </Field>
          <Field label={t('match.body')} error={errors.body} hint={t('match.bodyHint')}>
            <textarea
              className="textarea"
              rows={4}
              value={values.body}
              placeholder='{"temperature": 0.2}'
              onChange={(e) => set('body', e.target.value)}
            />
          </Field>
        </div>
      </form>
      {run.isError && <ErrorState error={run.error} />}
      {run.data && <MatchTable result={run.data} />}
    </Dialog>
  );
}

function MatchTable({ result }: { result: MatchResult }) {
  const t = useT();
  return (
    <div className="stack" data-testid="match-result">
      <p>
        {t('match.summary', {
          n: result.matched_count,
          tokens: formatNumber(result.input_tokens),
          output: formatNumber(result.expected_output_tokens),
        })}
      </p>
      {result.candidates.length === 0 ? (
        <div className="notice notice-warning">{t('match.none')}</div>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('links.provider')}</th>
                <th>{t('models.targetModel')}</th>
                <th className="num">{t('links.priority')}</th>
                <th className="num">{t('links.weight')}</th>
                <th>{t('match.price')}</th>
                <th className="num">{t('match.estimatedCost')}</th>
                <th>{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {result.candidates.map((c) => (
                <tr key={c.link_id}>
                  <td>{c.position}</td>
                  <td>
                    {c.provider_name} <span className="muted">({c.protocol})</span>
                  </td>
                  <td className="mono">{c.target_model_name}</td>
                  <td className="num">{c.priority}</td>
                  <td className="num">{c.weight}</td>
                  <td className="muted">
                    {c.billing_mode} · {formatPrice(c.input_price)}/{formatPrice(c.output_price)} ·{' '}
                    {c.price_source}
                  </td>
                  <td className="num">{formatCost(c.estimated_cost)}</td>
                  <td>
                    <span className="badges">
                      {c.is_paused && <span className="badge badge-warning">{t('links.paused')}</span>}
                      {c.health_degraded && (
                        <span className="badge badge-danger">
                          {t('links.degraded')} {formatPercent(c.health_failure_rate)}
                        </span>
                      )}
                      {!c.is_paused && !c.health_degraded && (
                        <span className="badge badge-success">{t('links.healthy')}</span>
                      )}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
