import type { Opt } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { SuspensionEndType } from './suspension-end.type';

/**
 * A member (reference §3.1). A deleted account stays as an anonymised row (deleted_at set, every
 * personal field cleared) so relations, tasks and comments that point at it keep working.
 */
@Entity({ tableName: 'users' })
// Substring search of the directory (ilike '%…%') is served by trigram indexes, not a table scan.
@Index({
  name: 'users_name_trgm_idx',
  expression: 'create index "users_name_trgm_idx" on "users" using gin ("name" gin_trgm_ops)',
})
@Index({
  name: 'users_username_trgm_idx',
  expression: 'create index "users_username_trgm_idx" on "users" using gin ("username" gin_trgm_ops)',
})
@Index({
  name: 'users_unverified_idx',
  expression:
    'create index "users_unverified_idx" on "users" ("registration_date") where "is_email_verified" = false and "deleted_at" is null',
})
@Index({
  name: 'users_admin_idx',
  expression: 'create index "users_admin_idx" on "users" ("id") where "is_admin" = true and "deleted_at" is null',
})
export class User {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'text', nullable: true })
  name: string | null;

  @Property({ type: 'text', nullable: true, unique: 'users_username_unique' })
  username: string | null;

  @Property({ type: 'text', nullable: true, unique: 'users_email_unique' })
  email: string | null;

  @Property({ type: 'string', length: 255, nullable: true, hidden: true })
  passwordHash: string | null;

  /** Epoch seconds (float), as the reference stores it. */
  @Property({ type: 'double' })
  registrationDate: number;

  @Property({ type: 'boolean', default: false })
  termsAndConditionsChecked: boolean = false;

  @Property({ type: 'boolean', default: false })
  isAdmin: boolean = false;

  @Property({ type: 'boolean', default: false })
  isEmailVerified: boolean = false;

  /** Naive UTC, as the reference's utcnow(). */
  @Property({ type: 'datetime', columnType: 'timestamp', nullable: true })
  emailVerificationDate: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  currentMentorshipRole: number | null = null;

  @Property({ type: 'integer', nullable: true })
  membershipStatus: number | null = null;

  @Property({ type: 'text', nullable: true })
  bio: string | null = null;

  @Property({ type: 'text', nullable: true })
  location: string | null = null;

  @Property({ type: 'text', nullable: true })
  occupation: string | null = null;

  @Property({ type: 'text', nullable: true })
  organization: string | null = null;

  @Property({ type: 'text', nullable: true })
  slackUsername: string | null = null;

  @Property({ type: 'text', nullable: true })
  socialMediaLinks: string | null = null;

  @Property({ type: 'text', nullable: true })
  skills: string | null = null;

  @Property({ type: 'text', nullable: true })
  interests: string | null = null;

  @Property({ type: 'text', nullable: true })
  resumeUrl: string | null = null;

  @Property({ type: 'text', nullable: true })
  photoUrl: string | null = null;

  @Property({ type: 'boolean', default: false })
  needMentoring: boolean = false;

  @Property({ type: 'boolean', default: false })
  availableToMentor: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;

  /**
   * Beyond the reference (issue 14): null when not suspended; otherwise the account cannot log in
   * until then. For good is 'infinity' in the column and `new Date(FOR_GOOD_MS)` here (see
   * SuspensionEndType); domain/suspension.ts reads and writes it.
   */
  @Property({ type: SuspensionEndType, columnType: 'timestamptz', nullable: true })
  suspendedUntil: Date | null = null;

  /*
   * Rating summaries (beyond the reference): how many ratings this member received as a mentor and
   * as a mentee, and their sum. The mentorship lib keeps them in step with its feedback, in the same
   * transaction (recordRatingChange); profiles and the directory read them without a join.
   */
  @Property({ type: 'integer', default: 0 })
  mentorRatingCount: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  mentorRatingTotal: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  menteeRatingCount: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  menteeRatingTotal: Opt<number> = 0;
}

/** The profile fields a member edits with PUT /user, as snake_case body keys → entity properties. */
export const PROFILE_TEXT_FIELDS = {
  bio: 'bio',
  location: 'location',
  occupation: 'occupation',
  organization: 'organization',
  slack_username: 'slackUsername',
  social_media_links: 'socialMediaLinks',
  skills: 'skills',
  interests: 'interests',
  resume_url: 'resumeUrl',
  photo_url: 'photoUrl',
} as const satisfies Record<string, keyof User>;
