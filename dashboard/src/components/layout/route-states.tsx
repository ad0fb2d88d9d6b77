// Owns what a route shows while its loader runs, when it fails, and when nothing matches.

import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useT } from '../../lib/i18n';
import { Empty, ErrorState, Loading } from '../ui/states';

export function RoutePending() {
  return <Loading />;
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const boundary = useQueryErrorResetBoundary();
  useEffect(() => boundary.reset(), [boundary]);
  return (
    <ErrorState
      error={error}
      onRetry={() => {
        reset();
        router.invalidate();
      }}
    />
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Empty
      title={t('common.notFound')}
      action={
        <Link to="/" className="btn">
          {t('nav.home')}
        </Link>
      }
    />
  );
}
