// Route /models: client-visible models with filters in the URL and per-model latency.
import { createFileRoute } from '@tanstack/react-router';
import { modelSearchSchema, modelStatsQuery, modelsQuery } from '../../../features/models/api';
import { ModelsPage } from '../../../features/models/models-page';

export const Route = createFileRoute('/_app/models/')({
  validateSearch: modelSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) =>
    Promise.all([
      queryClient.ensureQueryData(modelsQuery(deps)),
      queryClient.ensureQueryData(modelStatsQuery()),
    ]),
  component: ModelsPage,
});
