// Owns the page frame: sidebar navigation, top bar with preferences and sign-out, and the page outlet.
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useState } from 'react';
import { logout } from '../../features/auth/api';
import { clearToken } from '../../lib/auth-token';
import { type MessageKey, useT } from '../../lib/i18n';
import { confirmAction } from '../ui/confirm';
import { NavIcon, type NavIconName } from './nav-icon';
import { PrefsToggles } from './prefs-toggles';

const NAV: { to: string; label: MessageKey; icon: NavIconName; exact?: boolean }[] = [
  { to: '/', label: 'nav.home', icon: 'home', exact: true },
  { to: '/providers', label: 'nav.providers', icon: 'providers' },
  { to: '/models', label: 'nav.models', icon: 'models' },
  { to: '/api-keys', label: 'nav.apiKeys', icon: 'keys' },
  { to: '/logs', label: 'nav.logs', icon: 'logs' },
  { to: '/audit', label: 'nav.audit', icon: 'audit' },
  { to: '/playground', label: 'nav.playground', icon: 'playground' },
];

export function AppShell({ authEnabled }: { authEnabled: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const loading = useRouterState({ select: (s) => s.status === 'pending' });

  async function signOut() {
    const ok = await confirmAction({
      title: t('auth.signOut'),
      message: t('auth.signOutConfirm'),
      confirmLabel: t('auth.signOut'),
    });
    if (!ok) return;
    await logout().catch(() => undefined);
    clearToken();
    queryClient.clear();
    await navigate({ to: '/login', search: {} });
  }

  return (
    <div className={open ? 'shell shell-nav-open' : 'shell'}>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span>{t('app.name')}</span>
        </div>
        <nav aria-label={t('nav.main')}>
          {NAV.map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className="nav-link"
              activeProps={{ className: 'nav-link active' }}
              activeOptions={{ exact: item.exact ?? false, includeSearch: false }}
              onClick={() => setOpen(false)}
            >
              <NavIcon name={item.icon} />
              {t(item.label)}
            </Link>
          ))}
        </nav>
      </aside>
      <div className="main">
        <header className="topbar">
          {loading && <div className="route-progress" role="progressbar" aria-label={t('common.loading')} />}
          <button
            type="button"
            className="icon-btn nav-toggle"
            aria-label={t('nav.toggle')}
            onClick={() => setOpen(!open)}
          >
            ☰
          </button>
          <span className="spacer" />
          <PrefsToggles />
          {authEnabled && (
            <button type="button" className="btn btn-sm" onClick={signOut} data-testid="sign-out">
              {t('auth.signOut')}
            </button>
          )}
        </header>
        <main className="content">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
