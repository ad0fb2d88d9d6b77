// Owns the /api sub-app: auth routes in the open, the admin resources under /api/admin behind the admin guard.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { adminAuth } from '../middleware/admin-auth';
import { apiKeyTransferRoutes } from './api-key-transfer';
import { apiKeyUsageRoutes } from './api-key-usage';
import { apiKeyRoutes } from './api-keys';
import { auditAdminChanges } from './audit';
import { auditRoutes } from './audit-routes';
import { authRoutes } from './auth-routes';
import { cacheRoutes } from './cache';
import { logRoutes } from './logs';
import { modelProviderBulkRoutes } from './model-provider-bulk';
import { modelProviderRoutes } from './model-providers';
import { modelStatsRoutes } from './model-stats';
import { modelTransferRoutes } from './model-transfer';
import { modelRoutes } from './models';
import { playgroundRoutes } from './playground';
import { providerRoutes } from './providers';
import { telemetryStatsRoutes } from './telemetry-stats';

/**
 * The admin resources without their guard, mounted at /api/admin. The MCP server dispatches into
 * the same routes in-process (it authenticates its own callers), so both planes share one behaviour.
 */
export const adminResources = new Hono<AppEnv>();

adminResources.use('*', auditAdminChanges());
// This isolate's own proxy must see an admin write at once; others notice within CONFIG_CACHE_TTL_MS.
adminResources.use('*', async (c, next) => {
  await next();
  if (c.req.method !== 'GET' && c.res.status < 400) c.get('config').markDirty();
});
adminResources.route('/providers', providerRoutes);
// Before /models and /api-keys, whose `/:name` and `/:id` routes would otherwise answer.
adminResources.route('/', cacheRoutes);
// Before /models, whose `/:name` would otherwise answer for `stats`.
adminResources.route('/models/stats', modelStatsRoutes);
adminResources.route('/models', modelTransferRoutes);
adminResources.route('/models', modelRoutes);
adminResources.route('/model-providers', modelProviderBulkRoutes);
adminResources.route('/model-providers', modelProviderRoutes);
// Before /api-keys, whose `/:id` would otherwise answer for `export`.
adminResources.route('/api-keys', apiKeyTransferRoutes);
adminResources.route('/api-keys', apiKeyUsageRoutes);
adminResources.route('/api-keys', apiKeyRoutes);
adminResources.route('/logs', logRoutes);
adminResources.route('/playground', playgroundRoutes);
adminResources.route('/audit', auditRoutes);
adminResources.route('/telemetry', telemetryStatsRoutes);

export const adminApp = new Hono<AppEnv>();

adminApp.route('/auth', authRoutes);
adminApp.use('/admin/*', adminAuth());
adminApp.route('/admin', adminResources);
