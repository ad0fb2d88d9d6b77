// The Worker's entry: fetch (proxy, admin API, dashboard), queue (log consumer) and scheduled (retention).
import { app } from './app';
import { RETENTION_CRON, runRetention } from './cron/retention';
import type { Env } from './env';
import { consumeDeadLetters, consumeLogs } from './logging/consumer';

export { ModelBalancer } from './balancer/durable-object';
export { InFlightRegistry } from './inflight/durable-object';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
    if (batch.queue.endsWith('-dlq')) await consumeDeadLetters(batch, env);
    else await consumeLogs(batch, env, ctx);
  },
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
    if (controller.cron === RETENTION_CRON) {
      const result = await runRetention(env);
      console.log('log retention', JSON.stringify(result));
    }
  },
} satisfies ExportedHandler<Env>;
