// The Worker's entry: fetch (proxy, admin API, dashboard), queue (log consumer) and scheduled (retention).
import { app } from './app';
import type { Env } from './env';

export { ModelBalancer } from './balancer/durable-object';

export default {
  fetch: app.fetch,
  async queue(_batch: MessageBatch, _env: Env, _ctx: ExecutionContext): Promise<void> {},
  async scheduled(_controller: ScheduledController, _env: Env, _ctx: ExecutionContext): Promise<void> {},
} satisfies ExportedHandler<Env>;
