// Owns the provider form's values, their zod validation, and the conversion to and from the API shape.
import { z } from 'zod';
import { type Pair, pairsFromRecord } from '../../components/ui/key-value-editor';
import { numberText } from '../../lib/form';
import type { Translate } from '../../lib/i18n';
import type { ProviderCreate } from '../../lib/schemas';
import { numberField } from '../../lib/zod-fields';
import type { Provider } from './api';

export const PARAM_NAMES = ['temperature', 'top_p', 'top_k', 'max_tokens'] as const;
type ParamName = (typeof PARAM_NAMES)[number];

export interface ProviderFormValues {
  name: string;
  remark: string;
  protocol: string;
  base_url: string;
  api_key: string;
  clear_key: boolean;
  timeout: string;
  headers: Pair[];
  params: Record<ParamName, string>;
  no_suffix: boolean;
  is_active: boolean;
}

export function initialValues(p: Provider | null): ProviderFormValues {
  const params = p?.provider_options.default_parameters ?? {};
  return {
    name: p?.name ?? '',
    remark: p?.remark ?? '',
    protocol: p?.protocol ?? 'openai',
    base_url: p?.base_url ?? '',
    api_key: '',
    clear_key: false,
    timeout: String(p?.response_timeout_seconds ?? 1800),
    headers: pairsFromRecord(p?.extra_headers),
    params: {
      temperature: numberText(params.temperature),
      top_p: numberText(params.top_p),
      top_k: numberText(params.top_k),
      max_tokens: numberText(params.max_tokens),
    },
    no_suffix: p?.provider_options.no_suffix ?? false,
    is_active: p?.is_active ?? true,
  };
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** Validates the form and produces the API body; `editing` decides how a blank key is sent. */
export function providerFormSchema(
  t: Translate,
  editing: Provider | null,
  extraParams: Record<string, number>,
) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, t('validation.required'))
        .max(100, t('validation.maxLength', { n: 100 })),
      remark: z.string().max(500, t('validation.maxLength', { n: 500 })),
      protocol: z.string().min(1, t('validation.required')),
      base_url: z
        .string()
        .trim()
        .min(1, t('validation.required'))
        .max(500, t('validation.maxLength', { n: 500 }))
        .refine((v) => /^https?:\/\/[^\s/]+/i.test(v), t('validation.url')),
      // A service-account JSON key is about 2.4 KB.
      api_key: z.string().max(16384, t('validation.maxLength', { n: 16384 })),
      clear_key: z.boolean(),
      timeout: numberField(t, { min: 1, max: 86_400, int: true }),
      headers: z
        .array(
          z.object({
            key: z.string().trim().regex(HEADER_NAME, t('validation.headerName')),
            value: z.string().max(4096, t('validation.maxLength', { n: 4096 })),
          }),
        )
        .refine(
          (rows) => new Set(rows.map((r) => r.key.toLowerCase())).size === rows.length,
          t('validation.duplicate'),
        ),
      params: z.object({
        temperature: numberField(t, { min: 0, max: 2 }),
        top_p: numberField(t, { min: 0, max: 1 }),
        top_k: numberField(t, { min: 0, int: true }),
        max_tokens: numberField(t, { min: 1, int: true }),
      }),
      no_suffix: z.boolean(),
      is_active: z.boolean(),
    })
    .transform((v): ProviderCreate => {
      const defaults: Record<string, number> = { ...extraParams };
      for (const name of PARAM_NAMES) {
        const n = v.params[name];
        if (n !== null) defaults[name] = n;
      }
      const body: ProviderCreate = {
        name: v.name,
        remark: v.remark.trim() || null,
        protocol: v.protocol,
        base_url: v.base_url.replace(/\/+$/, ''),
        response_timeout_seconds: v.timeout ?? 1800,
        extra_headers: v.headers.length ? Object.fromEntries(v.headers.map((h) => [h.key, h.value])) : null,
        provider_options: { default_parameters: defaults, no_suffix: v.no_suffix },
        is_active: v.is_active,
      };
      const key = v.api_key.trim();
      // On edit a blank key keeps the stored one; on create it means "no key".
      if (key) body.api_key = key;
      else if (!editing || v.clear_key) body.api_key = null;
      return body;
    });
}

/** Stored default parameters the form has no field for: kept as they are on save. */
export function extraParamsOf(p: Provider | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(p?.provider_options.default_parameters ?? {})) {
    if (!(PARAM_NAMES as readonly string[]).includes(k)) out[k] = v;
  }
  return out;
}

/** Where an admin API validation path (`response_timeout_seconds`, `base_url`) is shown in this form. */
export function providerFormPath(apiField: string): string {
  if (apiField === 'response_timeout_seconds') return 'timeout';
  if (apiField === 'extra_headers' || apiField.startsWith('extra_headers.')) return 'headers';
  const param = /^provider_options\.default_parameters\.(\w+)$/.exec(apiField)?.[1];
  if (param && (PARAM_NAMES as readonly string[]).includes(param)) return `params.${param}`;
  return apiField;
}
