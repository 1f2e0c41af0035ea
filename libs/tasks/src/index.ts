export * from './tasks.module';
export * from './events';
export * from './domain/task.entity';
