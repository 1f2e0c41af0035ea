import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { ReportOutcome, ReportReason, ReportState, ReportTargetType } from './report.rules';

/**
 * A member's report about a user, a task, a task comment or a chat message, and an admin's
 * resolution of it (beyond the reference). Epoch seconds, as everywhere.
 */
@Entity({ tableName: 'reports' })
@Index({
  name: 'reports_one_open_idx',
  expression:
    'create unique index "reports_one_open_idx" on "reports" ("reporter_id", "target_type", "target_id", coalesce("relation_id", 0)) where "state" = \'open\'',
})
@Index({ name: 'reports_state_idx', properties: ['state', 'id'] })
export class Report {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'integer' })
  reporterId: number;

  @Property({ type: 'string', length: 20 })
  targetType: ReportTargetType;

  /** A user's, a comment's or a chat message's id; a task's number within its relation (as the API shows it). */
  @Property({ type: 'integer' })
  targetId: number;

  /** The relation of the reported task, comment or chat message; null for a user. */
  @Property({ type: 'integer', nullable: true })
  relationId: number | null = null;

  /** The reported user, or the author of the reported content (null: a task with no recorded creator). */
  @Property({ type: 'integer', nullable: true })
  targetUserId: number | null = null;

  @Property({ type: 'string', length: 20 })
  reason: ReportReason;

  @Property({ type: 'text', nullable: true })
  details: string | null = null;

  @Property({ type: 'string', length: 10, default: 'open' })
  state: ReportState = 'open';

  @Property({ type: 'string', length: 20, nullable: true })
  outcome: ReportOutcome | null = null;

  /** suspend only: the suspension's length in days; null: for good. */
  @Property({ type: 'integer', nullable: true })
  suspendedDays: number | null = null;

  @Property({ type: 'text', nullable: true })
  resolutionNote: string | null = null;

  @Property({ type: 'integer', nullable: true })
  resolvedBy: number | null = null;

  @Property({ type: 'double' })
  createdAt: number;

  @Property({ type: 'double', nullable: true })
  resolvedAt: number | null = null;
}
