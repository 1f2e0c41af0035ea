export * from './operations.module';
export * from './failed-job-retried.event';
