// Owns the audit log page: filters in the URL, one row per change, its masked before/after on demand.
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { JsonView } from '../../components/ui/json-view';
import { Pagination } from '../../components/ui/pagination';
import { SearchInput } from '../../components/ui/search-input';
import { Empty } from '../../components/ui/states';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { usePendingSearch } from '../../lib/search';
import { type AuditEntry, type AuditSearch, auditQuery, auditSearchSchema, changedFields } from './api';

const route = getRouteApi('/_app/audit');
const TARGETS = ['provider', 'model', 'model_provider', 'api_key', 'log'];

function EntryDetail({ entry }: { entry: AuditEntry }) {
  const t = useT();
  return (
    <div className="grid-2">
      <JsonView title={t('audit.before')} value={entry.before} emptyText={t('audit.none')} maxHeight={360} />
      <JsonView title={t('audit.after')} value={entry.after} emptyText={t('audit.none')} maxHeight={360} />
    </div>
  );
}

function EntryRow({ entry, open, onToggle }: { entry: AuditEntry; open: boolean; onToggle: () => void }) {
  const t = useT();
  const changed = changedFields(entry.before, entry.after);
  return (
    <Fragment>
      <tr className="clickable" onClick={onToggle} data-testid="audit-row">
        <td>{formatDateTime(entry.created_at)}</td>
        <td>
          <span className={entry.actor_type === 'mcp' ? 'badge badge-info' : 'badge badge-muted'}>
            {entry.actor_type === 'mcp' ? t('audit.actorMcp') : t('audit.actorAdmin')}
          </span>{' '}
          {entry.actor}
        </td>
        <td className="mono">{entry.action}</td>
        <td>{entry.target_type ? `${entry.target_type} ${entry.target_id ?? ''}` : '—'}</td>
        <td>
          <span className={entry.status < 400 ? 'badge badge-success' : 'badge badge-danger'}>
            {entry.status}
          </span>
        </td>
        <td className="muted">{changed.length > 0 ? changed.join(', ') : '—'}</td>
      </tr>
      {open && (
        <tr>
          <td colSpan={6}>
            <EntryDetail entry={entry} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function AuditPage() {
  const t = useT();
  const search = route.useSearch();
  const filters = usePendingSearch(auditSearchSchema);
  const navigate = route.useNavigate();
  const { data } = useSuspenseQuery(auditQuery(search));
  const [open, setOpen] = useState<number | null>(null);
  const setSearch = (patch: Partial<AuditSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: 1 }) });
  const filtered = Boolean(search.action || search.actor || search.actor_type || search.target_type);

  return (
    <div className="page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <div className="filters">
        <div className="field">
          <span className="field-label">{t('audit.action')}</span>
          <SearchInput
            label={t('audit.action')}
            value={search.action}
            placeholder="provider.update"
            onCommit={(action) => setSearch({ action })}
          />
        </div>
        <div className="field">
          <span className="field-label">{t('audit.actor')}</span>
          <SearchInput
            label={t('audit.actor')}
            value={search.actor}
            onCommit={(actor) => setSearch({ actor })}
          />
        </div>
        <label className="field">
          <span className="field-label">{t('audit.actorType')}</span>
          <select
            className="select"
            value={filters.actor_type ?? ''}
            onChange={(e) =>
              setSearch({ actor_type: (e.target.value || undefined) as AuditSearch['actor_type'] })
            }
          >
            <option value="">{t('common.all')}</option>
            <option value="admin">{t('audit.actorAdmin')}</option>
            <option value="mcp">{t('audit.actorMcp')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('audit.target')}</span>
          <select
            className="select"
            value={filters.target_type ?? ''}
            onChange={(e) => setSearch({ target_type: e.target.value || undefined, target_id: undefined })}
          >
            <option value="">{t('common.all')}</option>
            {TARGETS.map((target) => (
              <option key={target} value={target}>
                {target}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button type="button" className="btn" onClick={() => navigate({ search: {} })}>
            {t('common.clear')}
          </button>
        )}
      </div>
      {data.items.length === 0 ? (
        <Empty title={t('audit.empty')} hint={t('audit.emptyHint')} />
      ) : (
        <div className="table-wrap card">
          <table className="table">
            <thead>
              <tr>
                <th>{t('audit.time')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.target')}</th>
                <th>{t('common.status')}</th>
                <th>{t('audit.changed')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((entry) => (
                <EntryRow
                  key={entry.id}
                  entry={entry}
                  open={open === entry.id}
                  onToggle={() => setOpen(open === entry.id ? null : entry.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={data.page}
        pageSize={data.page_size}
        total={data.total}
        sizes={[50, 100]}
        onChange={(page, page_size) => navigate({ search: { ...search, page, page_size } })}
      />
    </div>
  );
}
