// Route /api-keys: gateway keys, paginated on the server, filtered by status in the URL.
import { createFileRoute } from '@tanstack/react-router';
import { apiKeySearchSchema, apiKeysQuery } from '../../../features/api-keys/api';
import { ApiKeysPage } from '../../../features/api-keys/api-keys-page';

export const Route = createFileRoute('/_app/api-keys/')({
  validateSearch: apiKeySearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(apiKeysQuery(deps)),
  component: ApiKeysPage,
});
