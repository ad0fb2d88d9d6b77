// Route /audit: the audit log of admin and MCP changes, filtered by action, actor and target in the URL.
import { createFileRoute } from '@tanstack/react-router';
import { auditQuery, auditSearchSchema } from '../../features/audit/api';
import { AuditPage } from '../../features/audit/audit-page';

export const Route = createFileRoute('/_app/audit')({
  validateSearch: auditSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context: { queryClient }, deps }) => queryClient.ensureQueryData(auditQuery(deps)),
  component: AuditPage,
});
