// Re-exports every table so drizzle-kit and the client see one schema.
export * from './api-keys';
export * from './audit-log';
export * from './config-version';
export * from './dead-letters';
export * from './models';
export * from './pricing';
export * from './providers';
export * from './request-logs';
export * from './rollups';
export * from './telemetry-export';
