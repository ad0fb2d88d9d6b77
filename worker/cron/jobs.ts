// Owns background jobs that outlive one invocation: each bounded step re-enqueues itself until done.
import { z } from 'zod';
import type { Env } from '../env';
import { runRetention } from './retention';
import { backfillRollups } from './rollup-backfill';

export const jobSchema = z.discriminatedUnion('job', [
  z.object({ v: z.literal(1), job: z.literal('retention'), index_days: z.number().int().min(1).optional() }),
  z.object({ v: z.literal(1), job: z.literal('rollup_backfill') }),
]);

export type Job = z.infer<typeof jobSchema>;

export interface StepResult {
  job: Job['job'];
  complete: boolean;
  detail: Record<string, number | boolean>;
}

/** Runs one bounded step of a job; an incomplete one is sent again to run as another invocation. */
export async function runJobStep(env: Env, job: Job): Promise<StepResult> {
  if (job.job === 'retention') {
    const r = await runRetention(env, { indexDays: job.index_days });
    if (!r.complete) await env.JOBS_QUEUE.send(job, { contentType: 'json' });
    return { job: job.job, complete: r.complete, detail: { ...r } };
  }
  const r = await backfillRollups(env);
  if (!r.complete) await env.JOBS_QUEUE.send(job, { contentType: 'json' });
  return { job: job.job, complete: r.complete, detail: { ...r } };
}

/** The jobs queue consumer: one step per message; a failed step is retried by the queue. */
export async function consumeJobs(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    const parsed = jobSchema.safeParse(message.body);
    if (!parsed.success) {
      console.error('jobs: dropping an invalid job message', parsed.error.issues[0]?.message);
      message.ack();
      continue;
    }
    try {
      const step = await runJobStep(env, parsed.data);
      console.log('job step', JSON.stringify(step));
      message.ack();
    } catch (err) {
      console.error(`jobs: ${parsed.data.job} step failed; retrying`, err);
      message.retry({ delaySeconds: 30 });
    }
  }
}
