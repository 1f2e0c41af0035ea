export * from './audit.module';
export * from './audit-entry.entity';
