// Owns the /api sub-app: auth routes in the open, everything under /api/admin behind the admin guard.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { adminAuth } from '../middleware/admin-auth';
import { apiKeyRoutes } from './api-keys';
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

export const adminApp = new Hono<AppEnv>();

adminApp.route('/auth', authRoutes);
adminApp.use('/admin/*', adminAuth());
// This isolate's own proxy must see an admin write at once; others notice within CONFIG_CACHE_TTL_MS.
adminApp.use('/admin/*', async (c, next) => {
  await next();
  if (c.req.method !== 'GET' && c.res.status < 400) c.get('config').markDirty();
});
adminApp.route('/admin/providers', providerRoutes);
// Before /admin/models and /admin/api-keys, whose `/:name` and `/:id` routes would otherwise answer.
adminApp.route('/admin', cacheRoutes);
// Before /admin/models, whose `/:name` would otherwise answer for `stats`.
adminApp.route('/admin/models/stats', modelStatsRoutes);
adminApp.route('/admin/models', modelTransferRoutes);
adminApp.route('/admin/models', modelRoutes);
adminApp.route('/admin/model-providers', modelProviderBulkRoutes);
adminApp.route('/admin/model-providers', modelProviderRoutes);
adminApp.route('/admin/api-keys', apiKeyRoutes);
adminApp.route('/admin/logs', logRoutes);
adminApp.route('/admin/playground', playgroundRoutes);
