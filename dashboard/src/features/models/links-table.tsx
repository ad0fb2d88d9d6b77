// Owns the model's provider links table and each link's actions (edit, pause/resume/disable, prioritize, delete).
import { Menu } from '../../components/ui/menu';
import { useT } from '../../lib/i18n';
import { billingSummary } from './billing/billing-summary';
import { LinkStatus } from './link-status';
import { rulesCount } from './rules/rule-values';
import type { ModelLink } from './types';

export type LinkAction = 'edit' | 'pause' | 'resume' | 'disable' | 'enable' | 'prioritize' | 'delete';

export function LinksTable({
  links,
  showPrioritize,
  onAction,
}: {
  links: ModelLink[];
  showPrioritize: boolean;
  onAction: (a: LinkAction, link: ModelLink) => void;
}) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="links-table">
        <thead>
          <tr>
            <th>{t('links.provider')}</th>
            <th>{t('models.targetModel')}</th>
            <th>{t('models.pricing')}</th>
            <th className="num">{t('links.priority')}</th>
            <th className="num">{t('links.weight')}</th>
            <th>{t('links.rules')}</th>
            <th>{t('common.status')}</th>
            <th className="actions">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {links.map((l) => {
            const rules = rulesCount(l.provider_rules);
            return (
              <tr key={l.id}>
                <td>
                  <strong>{l.provider_name ?? `#${l.provider_id}`}</strong>
                  <div className="muted">{l.provider_protocol}</div>
                </td>
                <td className="mono">{l.target_model_name}</td>
                <td className="muted">{billingSummary(l, t)}</td>
                <td className="num">{l.priority}</td>
                <td className="num">{l.weight}</td>
                <td>
                  {rules > 0 ? (
                    <span
                      className="badge badge-info tooltip-host"
                      title={JSON.stringify(l.provider_rules, null, 1)}
                    >
                      {t('links.ruleCount', {
                        n: rules,
                        logic: l.provider_rules?.logic?.toUpperCase() ?? 'AND',
                      })}
                    </span>
                  ) : (
                    <span className="muted">{t('links.noRules')}</span>
                  )}
                </td>
                <td>
                  <LinkStatus link={l} />
                </td>
                <td className="actions">
                  <button type="button" className="btn btn-sm" onClick={() => onAction('edit', l)}>
                    {t('common.edit')}
                  </button>
                  <Menu
                    small
                    label={t('links.availability')}
                    items={[
                      l.is_paused
                        ? { label: t('links.resume'), onSelect: () => onAction('resume', l) }
                        : {
                            label: t('links.pause'),
                            onSelect: () => onAction('pause', l),
                            disabled: !l.is_active,
                          },
                      l.is_active
                        ? { label: t('links.disable'), onSelect: () => onAction('disable', l), danger: true }
                        : { label: t('links.enable'), onSelect: () => onAction('enable', l) },
                      ...(showPrioritize
                        ? [{ label: t('links.prioritize'), onSelect: () => onAction('prioritize', l) }]
                        : []),
                      'divider',
                      { label: t('common.delete'), onSelect: () => onAction('delete', l), danger: true },
                    ]}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
