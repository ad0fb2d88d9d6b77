// Owns the login page: the form when admin auth is on, an explanation when it is off or not configured.
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { PrefsToggles } from '../../components/layout/prefs-toggles';
import { Field, FormError } from '../../components/ui/field';
import { isApiError } from '../../lib/api';
import { setToken } from '../../lib/auth-token';
import { apiFieldErrors, useForm } from '../../lib/form';
import { useT } from '../../lib/i18n';
import { authStatusQuery, login, safeReturnTo } from './api';

export function LoginPage({ returnTo }: { returnTo?: string }) {
  const t = useT();
  const { data: status } = useSuspenseQuery(authStatusQuery());
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({ username: 'admin', password: '' });
  const [busy, setBusy] = useState(false);
  const target = safeReturnTo(returnTo);

  const schema = z.object({
    username: z.string().trim().min(1, t('auth.usernameRequired')),
    password: z.string().min(1, t('auth.passwordRequired')),
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const data = form.validate(schema);
    if (!data) return;
    setBusy(true);
    try {
      const res = await login(data.username, data.password);
      setToken(res.access_token);
      queryClient.clear();
      await queryClient.fetchQuery(authStatusQuery());
      await navigate({ to: target });
    } catch (err) {
      form.setErrors(
        isApiError(err, 401)
          ? { _form: t('auth.invalidCredentials') }
          : isApiError(err, 429)
            ? { _form: t('auth.tooManyAttempts') }
            : apiFieldErrors(err, t('common.unknownError')),
      );
    } finally {
      setBusy(false);
    }
  }

  const open = !status.enabled || status.authenticated;
  return (
    <div className="login-screen">
      <div className="login-card card">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <h1>{t('app.name')}</h1>
        </div>
        {open && status.configured !== false ? (
          <div className="stack">
            <p>{status.enabled ? t('auth.alreadySignedIn') : t('auth.disabledNotice')}</p>
            <button type="button" className="btn btn-primary" onClick={() => navigate({ to: target })}>
              {t('auth.continue')}
            </button>
          </div>
        ) : !status.enabled ? (
          <div className="notice notice-warning" role="alert">
            <strong>{t('auth.notConfiguredTitle')}</strong>
            <p>{t('auth.notConfiguredBody')}</p>
          </div>
        ) : (
          <form className="stack" onSubmit={submit} noValidate>
            <p className="muted">{t('auth.prompt')}</p>
            <FormError message={form.errors._form} />
            <Field label={t('auth.username')} error={form.errors.username}>
              <input
                className="input"
                name="username"
                autoComplete="username"
                value={form.values.username}
                onChange={(e) => form.set('username', e.target.value)}
              />
            </Field>
            <Field label={t('auth.password')} error={form.errors.password}>
              <input
                className="input"
                name="password"
                type="password"
                autoComplete="current-password"
                // biome-ignore lint/a11y/noAutofocus: the password is the one thing to type on this page
                autoFocus
                value={form.values.password}
                onChange={(e) => form.set('password', e.target.value)}
              />
            </Field>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('auth.signingIn') : t('auth.signIn')}
            </button>
          </form>
        )}
        <div className="login-prefs">
          <PrefsToggles />
        </div>
      </div>
    </div>
  );
}
