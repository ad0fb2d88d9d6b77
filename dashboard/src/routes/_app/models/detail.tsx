// Route /models/detail?model=…: one model with its provider links (a query param, since names may hold "/").
import { createFileRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { modelDetailQuery, modelStatsQuery } from '../../../features/models/api';
import { ModelDetailPage } from '../../../features/models/model-detail-page';
import { providerNamesQuery } from '../../../features/providers/api';

export const Route = createFileRoute('/_app/models/detail')({
  validateSearch: z.object({ model: z.coerce.string().catch('') }),
  loaderDeps: ({ search }) => ({ model: search.model }),
  loader: ({ context: { queryClient }, deps }) =>
    Promise.all([
      queryClient.ensureQueryData(modelDetailQuery(deps.model)),
      queryClient.ensureQueryData(modelStatsQuery(deps.model)),
      queryClient.ensureQueryData(providerNamesQuery()),
    ]),
  component: ModelDetailPage,
});
