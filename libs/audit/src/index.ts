export * from './audit.module';
export * from './audit-log.module';
export * from './audit-entry.entity';
