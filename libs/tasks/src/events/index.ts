export * from './task-facts';
export * from './task-created.event';
export * from './task-updated.event';
export * from './task-completed.event';
export * from './task-reopened.event';
export * from './task-deleted.event';
export * from './task-commented.event';
