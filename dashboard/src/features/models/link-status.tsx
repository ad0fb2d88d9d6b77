// Owns a link's status badges: enabled/disabled, provider disabled, paused with time left, degraded with health.
import { formatDateTime, formatPercent, formatRemaining } from '../../lib/format';
import { useT } from '../../lib/i18n';
import type { ModelLink } from './types';

export function LinkStatus({ link }: { link: ModelLink }) {
  const t = useT();
  const left = link.is_paused ? formatRemaining(link.paused_until) : null;
  const healthTitle = t('links.healthDetail', {
    samples: link.health_sample_count,
    failures: link.health_failure_count,
    rate: formatPercent(link.health_failure_rate),
  });
  return (
    <span className="badges" data-testid="link-status">
      {!link.is_active ? (
        <span className="badge badge-muted">{t('links.disabledPermanently')}</span>
      ) : link.provider_is_active === false ? (
        <span className="badge badge-muted">{t('links.providerDisabled')}</span>
      ) : left ? (
        <span className="badge badge-warning" title={formatDateTime(link.paused_until)}>
          {t('links.pausedLeft', { left })}
        </span>
      ) : (
        <span className="badge badge-success">{t('links.available')}</span>
      )}
      {link.health_degraded && (
        <span className="badge badge-danger" title={healthTitle}>
          {t('links.degraded')} · {formatPercent(link.health_failure_rate)}
        </span>
      )}
      {link.health_cooldown_until && (
        <span className="badge badge-warning" title={formatDateTime(link.health_cooldown_until)}>
          {t('links.cooldown', { left: formatRemaining(link.health_cooldown_until) ?? '' })}
        </span>
      )}
      {!link.health_degraded && link.health_sample_count > 0 && (
        <span className="badge badge-muted" title={healthTitle}>
          {t('links.healthShort', {
            rate: formatPercent(link.health_failure_rate),
            n: link.health_sample_count,
          })}
        </span>
      )}
    </span>
  );
}
