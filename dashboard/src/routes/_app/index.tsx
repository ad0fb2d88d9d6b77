// Route /: usage and health over time for a range (preset or custom) and an optional API key.
import { createFileRoute } from '@tanstack/react-router';
import { allApiKeysQuery } from '../../features/api-keys/api';
import { homeStatsQuery } from '../../features/home/api';
import { HomePage } from '../../features/home/home-page';
import { homeSearchSchema } from '../../features/home/range';

export const Route = createFileRoute('/_app/')({
  validateSearch: homeSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) =>
    Promise.all([
      queryClient.ensureQueryData(allApiKeysQuery()),
      queryClient.prefetchQuery(homeStatsQuery(deps)),
    ]),
  component: HomePage,
});
