import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { RelationState } from './relation-state';

/** A mentorship relation (reference §3.2). Dates are epoch seconds (UTC), as the API shows them. */
@Entity({ tableName: 'mentorship_relations' })
@Index({ name: 'mentorship_relations_mentor_idx', properties: ['mentorId', 'id'] })
@Index({ name: 'mentorship_relations_mentee_idx', properties: ['menteeId', 'id'] })
@Index({
  name: 'mentorship_relations_accepted_end_idx',
  expression:
    'create index "mentorship_relations_accepted_end_idx" on "mentorship_relations" ("end_date") where "state" = 2',
})
export class MentorshipRelation {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'integer' })
  mentorId: number;

  @Property({ type: 'integer' })
  menteeId: number;

  /** Who sent the request. */
  @Property({ type: 'integer' })
  actionUserId: number;

  @Property({ type: 'double' })
  creationDate: number;

  @Property({ type: 'double', nullable: true })
  acceptDate: number | null = null;

  @Property({ type: 'double', nullable: true })
  startDate: number | null = null;

  @Property({ type: 'double' })
  endDate: number;

  @Property({ type: 'smallint' })
  state: RelationState;

  @Property({ type: 'text', default: '' })
  notes: string = '';

  /** When the receiver of this PENDING request was reminded (once); beyond the reference. */
  @Property({ type: 'double', nullable: true })
  remindedAt: number | null = null;

  /** When the pending-requests job closed this request unanswered (state REJECTED, shown `expired: true`). */
  @Property({ type: 'double', nullable: true })
  expiredAt: number | null = null;

  /** When the relation became COMPLETED (by the daily job or early by consent): opens the feedback window. */
  @Property({ type: 'double', nullable: true })
  completedAt: number | null = null;

  involves(userId: number): boolean {
    return this.mentorId === userId || this.menteeId === userId;
  }

  /** The party that is not `userId`. */
  otherParty(userId: number): number {
    return this.mentorId === userId ? this.menteeId : this.mentorId;
  }
}
