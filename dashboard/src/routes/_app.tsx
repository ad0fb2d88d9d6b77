// Layout route for every signed-in page: checks admin auth before anything loads, then draws the shell.
import { createFileRoute, redirect } from '@tanstack/react-router';
import { AppShell } from '../components/layout/app-shell';
import { authStatusQuery, needsLogin } from '../features/auth/api';

export const Route = createFileRoute('/_app')({
  beforeLoad: async ({ context, location }) => {
    const auth = await context.queryClient.ensureQueryData(authStatusQuery());
    if (needsLogin(auth)) throw redirect({ to: '/login', search: { returnTo: location.href } });
    return { auth };
  },
  component: function AppLayout() {
    const { auth } = Route.useRouteContext();
    return <AppShell authEnabled={auth.enabled} />;
  },
});
