// Root route: the router context (query client) and the app-wide hosts for dialogs and toasts.
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { NotFound } from '../components/layout/route-states';
import { ConfirmHost } from '../components/ui/confirm';
import { Toaster } from '../components/ui/toast';

export interface RouterContext {
  queryClient: QueryClient;
}

export const Route = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
  notFoundComponent: NotFound,
});

function RootLayout() {
  return (
    <>
      <Outlet />
      <ConfirmHost />
      <Toaster />
    </>
  );
}
