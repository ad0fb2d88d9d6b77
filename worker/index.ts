// The Worker's entry: fetch (proxy, admin API, dashboard), queue (log consumer) and scheduled (retention).
import { app } from './app';
import { encryptPlainHeaders } from './cron/encrypt-headers';
import { consumeJobs, runJobStep } from './cron/jobs';
import { type Env, loadSettings } from './env';
import { consumeDeadLetters, consumeLogs } from './logging/consumer';

export { ModelBalancer } from './balancer/durable-object';
export { AdminGuard } from './guard/durable-object';
export { InFlightRegistry } from './inflight/durable-object';
export { Limiter } from './limits/durable-object';

export default {
  fetch: app.fetch,
  async queue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
    if (batch.queue.endsWith('-dlq')) await consumeDeadLetters(batch, env);
    else if (batch.queue.endsWith('-jobs')) await consumeJobs(batch, env);
    else await consumeLogs(batch, env, ctx);
  },
  async scheduled(_controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
    const upgraded = await encryptPlainHeaders(env.DB, loadSettings(env).ENCRYPTION_KEY);
    if (upgraded > 0) console.log(`encrypted the extra headers of ${upgraded} provider(s) stored in clear`);
    // Any schedule in wrangler.toml runs the jobs; what a run cannot finish continues on the jobs queue.
    console.log('log retention', JSON.stringify(await runJobStep(env, { v: 1, job: 'retention' })));
    const backfill = await runJobStep(env, { v: 1, job: 'rollup_backfill' });
    if (Number(backfill.detail.counted) > 0) console.log('rollup backfill', JSON.stringify(backfill));
  },
} satisfies ExportedHandler<Env>;
