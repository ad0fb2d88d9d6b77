// Owns choosing a model's routing strategy, as cards that explain each one.
import { type MessageKey, useT } from '../../lib/i18n';
import { STRATEGIES, type Strategy } from './types';

export const STRATEGY_LABELS: Record<Strategy, { label: MessageKey; hint: MessageKey }> = {
  round_robin: { label: 'strategy.round_robin', hint: 'strategy.round_robinHint' },
  priority: { label: 'strategy.priority', hint: 'strategy.priorityHint' },
  cost_first: { label: 'strategy.cost_first', hint: 'strategy.cost_firstHint' },
  weighted_random: { label: 'strategy.weighted_random', hint: 'strategy.weighted_randomHint' },
};

export function StrategyField({ value, onChange }: { value: Strategy; onChange: (s: Strategy) => void }) {
  const t = useT();
  return (
    <div className="field">
      <span className="field-label">{t('models.strategy')}</span>
      <fieldset className="option-cards" aria-label={t('models.strategy')}>
        {STRATEGIES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={value === s}
            className={value === s ? 'option-card selected' : 'option-card'}
            onClick={() => onChange(s)}
          >
            <strong>{t(STRATEGY_LABELS[s].label)}</strong>
            <small>{t(STRATEGY_LABELS[s].hint)}</small>
          </button>
        ))}
      </fieldset>
    </div>
  );
}
