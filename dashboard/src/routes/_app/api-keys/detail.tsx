// Route /api-keys/detail?id=…: one key's settings, limits and live usage against them.
import { createFileRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { apiKeyQuery } from '../../../features/api-keys/api';
import { KeyDetailPage } from '../../../features/api-keys/key-detail-page';

export const Route = createFileRoute('/_app/api-keys/detail')({
  validateSearch: z.object({ id: z.coerce.number().int().catch(0) }),
  loaderDeps: ({ search }) => ({ id: search.id }),
  loader: ({ context: { queryClient }, deps }) => queryClient.ensureQueryData(apiKeyQuery(deps.id)),
  component: KeyDetailPage,
});
