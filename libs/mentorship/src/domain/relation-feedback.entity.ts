import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

/** The role the rated party had in the relation. */
export type PartyRole = 'mentor' | 'mentee';

/**
 * One party's feedback on a COMPLETED relation, about the other party: a rating 1–5 and an optional
 * testimonial (beyond the reference). One per author and relation; editable within the feedback
 * window; an admin may hide the testimonial (the rating still counts).
 */
@Entity({ tableName: 'relation_feedback' })
@Unique({ name: 'relation_feedback_one_per_author', properties: ['relationId', 'authorId'] })
@Index({
  name: 'relation_feedback_testimonials_idx',
  expression:
    'create index "relation_feedback_testimonials_idx" on "relation_feedback" ("subject_id", "created_at" desc, "id" desc) where "testimonial" is not null and "hidden_at" is null',
})
@Index({ name: 'relation_feedback_author_idx', properties: ['authorId'] })
export class RelationFeedback {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'integer' })
  relationId: number;

  @Property({ type: 'integer' })
  authorId: number;

  /** The rated party: the other party of the relation. */
  @Property({ type: 'integer' })
  subjectId: number;

  @Property({ type: 'string', length: 10 })
  subjectRole: PartyRole;

  @Property({ type: 'smallint' })
  rating: number;

  @Property({ type: 'text', nullable: true })
  testimonial: string | null = null;

  @Property({ type: 'double' })
  createdAt: number;

  @Property({ type: 'double' })
  updatedAt: number;

  @Property({ type: 'double', nullable: true })
  hiddenAt: number | null = null;

  @Property({ type: 'integer', nullable: true })
  hiddenBy: number | null = null;

  @Property({ type: 'text', nullable: true })
  hiddenReason: string | null = null;
}
