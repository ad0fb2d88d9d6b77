// Route /logs: the request log with every filter mirrored in the URL; paginated on the server.
import { createFileRoute } from '@tanstack/react-router';
import { allApiKeysQuery } from '../../../features/api-keys/api';
import { logsQuery } from '../../../features/logs/api';
import { LogsPage } from '../../../features/logs/logs-page';
import { logSearchSchema } from '../../../features/logs/search';
import { providerNamesQuery } from '../../../features/providers/api';

export const Route = createFileRoute('/_app/logs/')({
  validateSearch: logSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) =>
    Promise.all([
      queryClient.ensureQueryData(logsQuery(deps)),
      queryClient.ensureQueryData(allApiKeysQuery()),
      queryClient.ensureQueryData(providerNamesQuery()),
    ]),
  component: LogsPage,
});
