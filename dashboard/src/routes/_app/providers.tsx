// Route /providers: upstream providers, filtered by name, protocol and status in the URL.
import { createFileRoute } from '@tanstack/react-router';
import { protocolsQuery, providerSearchSchema, providersQuery } from '../../features/providers/api';
import { ProvidersPage } from '../../features/providers/providers-page';

export const Route = createFileRoute('/_app/providers')({
  validateSearch: providerSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) =>
    Promise.all([
      queryClient.ensureQueryData(providersQuery(deps)),
      queryClient.ensureQueryData(protocolsQuery()),
    ]),
  component: ProvidersPage,
});
