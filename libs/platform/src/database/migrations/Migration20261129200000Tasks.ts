import { Migration } from '@mikro-orm/migrations';

/**
 * Tasks as rows (the reference keeps a JSON array per relation): numbered per relation from a
 * counter row, so concurrent creations get distinct consecutive numbers; comments with a real
 * foreign key to their task; both go when their relation (or task) goes. And the per-recipient
 * digests of task activity.
 */
export class Migration20261129200000Tasks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "task_counters" (
      "relation_id" int primary key references "mentorship_relations" ("id") on delete cascade,
      "next_number" int not null
    );`);
    this.addSql(`create table "tasks" (
      "id" serial primary key,
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "number" int not null,
      "description" text not null,
      "is_done" boolean not null default false,
      "created_at" double precision not null,
      "completed_at" double precision null,
      "created_by" int null references "users" ("id"),
      constraint "tasks_relation_number_unique" unique ("relation_id", "number")
    );`);
    this.addSql(`create table "task_comments" (
      "id" serial primary key,
      "task_id" int not null references "tasks" ("id") on delete cascade,
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "user_id" int not null references "users" ("id"),
      "comment" text not null,
      "creation_date" double precision not null,
      "modification_date" double precision null
    );`);
    this.addSql(`create index "task_comments_task_idx" on "task_comments" ("task_id", "id");`);
    this.addSql(`create table "task_digests" (
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "recipient_id" int not null references "users" ("id"),
      "items" jsonb not null default '[]',
      "first_pending_at" timestamptz null,
      "last_sent_at" timestamptz null,
      "locked_until" timestamptz null,
      primary key ("relation_id", "recipient_id")
    );`);
    this.addSql(
      `create index "task_digests_due_idx" on "task_digests" ("first_pending_at") where "first_pending_at" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "task_digests" cascade;`);
    this.addSql(`drop table if exists "task_comments" cascade;`);
    this.addSql(`drop table if exists "tasks" cascade;`);
    this.addSql(`drop table if exists "task_counters" cascade;`);
  }
}
