import { authorRoleOf } from '../domain/feedback.rules';
import type { PartyRole } from '../domain/relation-feedback.entity';

/** What the presenters show of a feedback (an entity, or a row of a read). */
export interface FeedbackRecord {
  id: number;
  relationId: number;
  authorId: number;
  subjectId: number;
  subjectRole: PartyRole;
  rating: number;
  testimonial: string | null;
  createdAt: number;
  updatedAt: number;
  hiddenAt: number | null;
}

/** A member as feedback names them: id and display name (null for an account without one). */
export interface PartyName {
  id: number;
  name: string | null;
}

/** Display names by user id (name, else username), from user rows or entities. */
export function partyNames(users: { id: number; name: string | null; username: string | null }[]) {
  return new Map(users.map((user) => [user.id, user.name ?? user.username]));
}

const party = (id: number, names: Map<number, string | null>): PartyName => ({ id, name: names.get(id) ?? null });

/** One party's feedback on a relation, as its parties see it. */
export function presentFeedback(feedback: FeedbackRecord, names: Map<number, string | null>) {
  return {
    id: feedback.id,
    relation_id: feedback.relationId,
    author: party(feedback.authorId, names),
    subject: party(feedback.subjectId, names),
    subject_role: feedback.subjectRole,
    rating: feedback.rating,
    testimonial: feedback.testimonial,
    hidden: feedback.hiddenAt !== null,
    created_at: feedback.createdAt,
    updated_at: feedback.updatedAt,
  };
}

export type FeedbackView = ReturnType<typeof presentFeedback>;

/** A testimonial on the rated member's profile, with its author and the relation's dates. */
export interface TestimonialRecord {
  id: number;
  rating: number;
  testimonial: string;
  authorId: number;
  authorName: string | null;
  subjectRole: PartyRole;
  relationId: number;
  startDate: number | null;
  endDate: number;
  createdAt: number;
  updatedAt: number;
}

export function presentTestimonial(record: TestimonialRecord) {
  return {
    id: record.id,
    rating: record.rating,
    testimonial: record.testimonial,
    author: { id: record.authorId, name: record.authorName },
    author_role: authorRoleOf(record.subjectRole),
    relation: { id: record.relationId, start_date: record.startDate, end_date: record.endDate },
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export type TestimonialView = ReturnType<typeof presentTestimonial>;

/** One page of a member's testimonials, and how many there are (null: more than EXACT_TOTAL_LIMIT). */
export interface TestimonialPage {
  testimonials: TestimonialView[];
  total: number | null;
  page: number;
  perPage: number;
}
