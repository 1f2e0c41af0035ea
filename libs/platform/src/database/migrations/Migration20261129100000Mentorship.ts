import { Migration } from '@mikro-orm/migrations';

/**
 * Mentorship relations (reference §3.2; state as its integer code) and the active memberships that
 * let the database guarantee one ACCEPTED relation per user.
 */
export class Migration20261129100000Mentorship extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "mentorship_relations" (
      "id" serial primary key,
      "mentor_id" int not null references "users" ("id"),
      "mentee_id" int not null references "users" ("id"),
      "action_user_id" int not null,
      "creation_date" double precision not null,
      "accept_date" double precision null,
      "start_date" double precision null,
      "end_date" double precision not null,
      "state" smallint not null,
      "notes" text not null default '',
      constraint "mentorship_relations_state_check" check ("state" between 1 and 5)
    );`);
    this.addSql(`create index "mentorship_relations_mentor_idx" on "mentorship_relations" ("mentor_id", "id");`);
    this.addSql(`create index "mentorship_relations_mentee_idx" on "mentorship_relations" ("mentee_id", "id");`);
    this.addSql(
      `create index "mentorship_relations_accepted_end_idx" on "mentorship_relations" ("end_date") where "state" = 2;`,
    );
    // One row per user in an ACCEPTED relation: the primary key makes a second one impossible.
    this.addSql(`create table "active_mentorships" (
      "user_id" int primary key references "users" ("id"),
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade
    );`);
    this.addSql(`create index "active_mentorships_relation_idx" on "active_mentorships" ("relation_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "active_mentorships" cascade;`);
    this.addSql(`drop table if exists "mentorship_relations" cascade;`);
  }
}
