// Starts the mock upstream (in Node) for the workerd test project and hands its URL to the Worker's env.
import type { TestProject } from 'vitest/node';
import { startMockUpstream } from '../mock-upstream/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUpstreamUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMockUpstream({ host: '127.0.0.1' });
  project.provide('mockUpstreamUrl', mock.url);
  return async () => {
    await mock.close();
  };
}
