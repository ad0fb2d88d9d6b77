// Route /login: sign in when admin auth is on; `returnTo` says where to go next.
import { createFileRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { authStatusQuery } from '../features/auth/api';
import { LoginPage } from '../features/auth/login-page';
import { searchText } from '../lib/search';

export const Route = createFileRoute('/login')({
  validateSearch: z.object({ returnTo: searchText }),
  loader: ({ context }) => context.queryClient.ensureQueryData(authStatusQuery()),
  component: function LoginRoute() {
    const { returnTo } = Route.useSearch();
    return <LoginPage returnTo={returnTo} />;
  },
});
