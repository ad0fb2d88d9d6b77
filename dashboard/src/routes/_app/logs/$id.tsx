// Route /logs/$id: one request (or failed attempt) with its bodies and replay tools.
import { createFileRoute } from '@tanstack/react-router';
import { logDetailQuery } from '../../../features/logs/api';
import { LogDetailPage } from '../../../features/logs/log-detail-page';

export const Route = createFileRoute('/_app/logs/$id')({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(logDetailQuery(params.id)),
  component: LogDetailPage,
});
