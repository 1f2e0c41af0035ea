import { Migration } from '@mikro-orm/migrations';

/**
 * The relation's whole life (beyond the reference): reminders and expiry of pending requests,
 * proposals to complete early or move the end date, and feedback after completion with the rating
 * summaries the directory shows and filters by.
 */
export class Migration20261203000000RelationLife extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "mentorship_relations"
      add column "reminded_at" double precision null,
      add column "expired_at" double precision null,
      add column "completed_at" double precision null;`);
    // Relations completed before this column existed were completed by the daily job at their end date.
    this.addSql(`update "mentorship_relations" set "completed_at" = "end_date" where "state" = 5;`);
    // The pending-requests job scans by age; the cap on open requests counts by sender.
    this.addSql(
      `create index "mentorship_relations_pending_created_idx" on "mentorship_relations" ("creation_date") where "state" = 1;`,
    );
    this.addSql(
      `create index "mentorship_relations_pending_sender_idx" on "mentorship_relations" ("action_user_id") where "state" = 1;`,
    );

    this.addSql(`create table "relation_proposals" (
      "id" serial primary key,
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "proposer_id" int not null references "users" ("id"),
      "kind" varchar(20) not null,
      "end_date" double precision null,
      "state" varchar(20) not null default 'open',
      "created_at" double precision not null,
      "decided_at" double precision null,
      constraint "relation_proposals_kind_check" check ("kind" in ('complete', 'change_end_date')),
      constraint "relation_proposals_state_check" check ("state" in ('open', 'accepted', 'declined', 'withdrawn', 'lapsed')),
      constraint "relation_proposals_end_date_check" check (("kind" = 'change_end_date') = ("end_date" is not null))
    );`);
    // At most one open proposal per relation, whatever races.
    this.addSql(
      `create unique index "relation_proposals_one_open_idx" on "relation_proposals" ("relation_id") where "state" = 'open';`,
    );
    this.addSql(`create index "relation_proposals_relation_idx" on "relation_proposals" ("relation_id", "id");`);

    this.addSql(`create table "relation_feedback" (
      "id" serial primary key,
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "author_id" int not null references "users" ("id"),
      "subject_id" int not null references "users" ("id"),
      "subject_role" varchar(10) not null,
      "rating" smallint not null,
      "testimonial" text null,
      "created_at" double precision not null,
      "updated_at" double precision not null,
      "hidden_at" double precision null,
      "hidden_by" int null,
      "hidden_reason" text null,
      constraint "relation_feedback_one_per_author" unique ("relation_id", "author_id"),
      constraint "relation_feedback_rating_check" check ("rating" between 1 and 5),
      constraint "relation_feedback_role_check" check ("subject_role" in ('mentor', 'mentee'))
    );`);
    // A profile's testimonials, newest first.
    this.addSql(
      `create index "relation_feedback_testimonials_idx" on "relation_feedback" ("subject_id", "created_at" desc, "id" desc) where "testimonial" is not null and "hidden_at" is null;`,
    );
    this.addSql(`create index "relation_feedback_author_idx" on "relation_feedback" ("author_id");`);

    // Rating summaries, kept in step by the feedback commands: profiles show them without a join.
    this.addSql(`alter table "users"
      add column "mentor_rating_count" int not null default 0,
      add column "mentor_rating_total" int not null default 0,
      add column "mentee_rating_count" int not null default 0,
      add column "mentee_rating_total" int not null default 0;`);
    this.addSql(
      `create index "users_mentor_rating_idx" on "users" (("mentor_rating_total"::float8 / "mentor_rating_count")) where "mentor_rating_count" > 0;`,
    );
    this.addSql(
      `create index "users_mentee_rating_idx" on "users" (("mentee_rating_total"::float8 / "mentee_rating_count")) where "mentee_rating_count" > 0;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "users_mentee_rating_idx";`);
    this.addSql(`drop index if exists "users_mentor_rating_idx";`);
    this.addSql(`alter table "users"
      drop column if exists "mentor_rating_count", drop column if exists "mentor_rating_total",
      drop column if exists "mentee_rating_count", drop column if exists "mentee_rating_total";`);
    this.addSql(`drop table if exists "relation_feedback" cascade;`);
    this.addSql(`drop table if exists "relation_proposals" cascade;`);
    this.addSql(`drop index if exists "mentorship_relations_pending_sender_idx";`);
    this.addSql(`drop index if exists "mentorship_relations_pending_created_idx";`);
    this.addSql(`alter table "mentorship_relations"
      drop column if exists "reminded_at", drop column if exists "expired_at", drop column if exists "completed_at";`);
  }
}
