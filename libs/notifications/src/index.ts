export * from './notifications.module';
export * from './handlers/task-digest-sender';
