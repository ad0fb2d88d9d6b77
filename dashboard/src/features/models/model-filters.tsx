// Owns the models list filters, mirrored in the URL.
import { SearchInput } from '../../components/ui/search-input';
import { useT } from '../../lib/i18n';
import type { ModelSearch } from './api';
import { STRATEGY_LABELS } from './strategy-field';
import { MODEL_TYPES, STRATEGIES } from './types';

export function ModelFilters({
  search,
  onChange,
}: {
  search: ModelSearch;
  onChange: (patch: ModelSearch | null) => void;
}) {
  const t = useT();
  const filtered = Boolean(
    search.requested_model ||
      search.target_model_name ||
      search.model_type ||
      search.strategy ||
      search.is_active !== undefined,
  );
  return (
    <div className="filters">
      <div className="field">
        <span className="field-label">{t('models.requestedModel')}</span>
        <SearchInput
          label={t('models.requestedModel')}
          value={search.requested_model}
          onCommit={(v) => onChange({ requested_model: v })}
        />
      </div>
      <div className="field">
        <span className="field-label">{t('models.targetModel')}</span>
        <SearchInput
          label={t('models.targetModel')}
          value={search.target_model_name}
          onCommit={(v) => onChange({ target_model_name: v })}
        />
      </div>
      <label className="field">
        <span className="field-label">{t('models.type')}</span>
        <select
          className="select"
          value={search.model_type ?? ''}
          onChange={(e) => onChange({ model_type: e.target.value || undefined })}
        >
          <option value="">{t('common.all')}</option>
          {MODEL_TYPES.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('models.strategy')}</span>
        <select
          className="select"
          value={search.strategy ?? ''}
          onChange={(e) => onChange({ strategy: e.target.value || undefined })}
        >
          <option value="">{t('common.all')}</option>
          {STRATEGIES.map((s) => (
            <option key={s} value={s}>
              {t(STRATEGY_LABELS[s].label)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('common.status')}</span>
        <select
          className="select"
          value={search.is_active === undefined ? '' : String(search.is_active)}
          onChange={(e) =>
            onChange({ is_active: e.target.value === '' ? undefined : e.target.value === 'true' })
          }
        >
          <option value="">{t('common.all')}</option>
          <option value="true">{t('common.enabled')}</option>
          <option value="false">{t('common.disabled')}</option>
        </select>
      </label>
      {filtered && (
        <button type="button" className="btn" onClick={() => onChange(null)}>
          {t('common.clear')}
        </button>
      )}
    </div>
  );
}
