export * from './moderation.module';
export * from './events';
export * from './domain/report.entity';
export {
  REPORT_OUTCOMES,
  REPORT_REASONS,
  REPORT_TARGET_TYPES,
  type ReportOutcome,
  type ReportReason,
  type ReportTargetType,
} from './domain/report.rules';
