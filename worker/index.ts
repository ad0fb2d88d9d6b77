// The Worker's entry: fetch (proxy, admin API, dashboard), queue (log consumer) and scheduled (retention).
import { app } from './app';
import { encryptPlainHeaders } from './cron/encrypt-headers';
import { RETENTION_CRON, runRetention } from './cron/retention';
import { type Env, loadSettings } from './env';
import { consumeDeadLetters, consumeLogs } from './logging/consumer';

export { ModelBalancer } from './balancer/durable-object';
export { AdminGuard } from './guard/durable-object';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    if (batch.queue.endsWith('-dlq')) await consumeDeadLetters(batch, env);
    else await consumeLogs(batch, env);
  },
  async scheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
    const upgraded = await encryptPlainHeaders(env.DB, loadSettings(env).ENCRYPTION_KEY);
    if (upgraded > 0) console.log(`encrypted the extra headers of ${upgraded} provider(s) stored in clear`);
    if (controller.cron === RETENTION_CRON) {
      const result = await runRetention(env);
      console.log('log retention', JSON.stringify(result));
    }
  },
} satisfies ExportedHandler<Env>;
