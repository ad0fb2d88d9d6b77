// Route /playground?id=…: run a request by hand, optionally starting from a logged one.
import { createFileRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { allApiKeysQuery } from '../../features/api-keys/api';
import { logDetailQuery } from '../../features/logs/api';
import { modelNamesQuery } from '../../features/models/api';
import { PlaygroundPage } from '../../features/playground/playground-page';
import { searchText } from '../../lib/search';

export const Route = createFileRoute('/_app/playground')({
  validateSearch: z.object({ id: searchText }),
  loaderDeps: ({ search }) => ({ id: search.id }),
  loader: ({ context: { queryClient }, deps }) =>
    Promise.all([
      queryClient.ensureQueryData(allApiKeysQuery()),
      queryClient.ensureQueryData(modelNamesQuery()),
      deps.id ? queryClient.ensureQueryData(logDetailQuery(deps.id)) : null,
    ]),
  component: PlaygroundPage,
});
