// Owns the router: the generated route tree, the query client in its context, and the 401 → login policy.
import { createRouter } from '@tanstack/react-router';
import { RouteError, RoutePending } from './components/layout/route-states';
import { onUnauthorized } from './lib/auth-token';
import { createQueryClient } from './lib/query-client';
import { routeTree } from './route-tree.gen';

export const queryClient = createQueryClient();

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  // React Query owns caching; loaders only warm it.
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: RoutePending,
  defaultErrorComponent: RouteError,
  // Filter changes keep the page and show the top progress bar; a full-page spinner only for slow loads.
  defaultPendingMs: 1000,
  scrollRestoration: true,
});

onUnauthorized(() => {
  queryClient.removeQueries({ queryKey: ['auth'] });
  const here = router.state.location;
  if (here.pathname === '/login') return;
  void router.navigate({ to: '/login', search: { returnTo: here.href } });
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
