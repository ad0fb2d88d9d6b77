// Owns the outcome of a models import: which names were created, which already existed, which failed and why.
import { Link } from '@tanstack/react-router';
import { Dialog } from '../../components/ui/dialog';
import { useT } from '../../lib/i18n';
import type { ModelImportResult } from './types';

export function ImportResultDialog({ result, onClose }: { result: ModelImportResult; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog
      open
      size="md"
      onClose={onClose}
      title={t('models.importTitle')}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.done')}
        </button>
      }
    >
      <div className="stack" data-testid="import-result">
        <p>
          {t('models.importSummary', {
            created: result.created.length,
            skipped: result.skipped.length,
            failed: result.errors.length,
          })}
        </p>
        {result.created.length > 0 && (
          <section>
            <h3>{t('models.importCreated', { n: result.created.length })}</h3>
            <div className="badges">
              {result.created.map((name) => (
                <Link
                  key={name}
                  to="/models/detail"
                  search={{ model: name }}
                  className="badge badge-success mono"
                  onClick={onClose}
                >
                  {name}
                </Link>
              ))}
            </div>
          </section>
        )}
        {result.skipped.length > 0 && (
          <section>
            <h3>{t('models.importSkipped', { n: result.skipped.length })}</h3>
            <p className="field-hint">{t('models.importSkippedHint')}</p>
            <div className="badges">
              {result.skipped.map((name) => (
                <span key={name} className="badge badge-muted mono">
                  {name}
                </span>
              ))}
            </div>
          </section>
        )}
        {result.errors.length > 0 && (
          <section>
            <h3>{t('models.importFailed', { n: result.errors.length })}</h3>
            <table className="table table-compact">
              <tbody>
                {result.errors.map((e) => (
                  <tr key={e.requested_model}>
                    <td className="mono nowrap">{e.requested_model}</td>
                    <td className="text-danger">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </Dialog>
  );
}
