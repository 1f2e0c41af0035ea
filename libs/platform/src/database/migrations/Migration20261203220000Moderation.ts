import { Migration } from '@mikro-orm/migrations';

/**
 * Reports and their resolution (beyond the reference). A member reports a user, a task, a task
 * comment or a chat message; an admin resolves the report with an outcome. At most one open report
 * per reporter and target (a partial unique index: a task is named by its relation and its number
 * there, so the relation is part of the key). Content an admin hides keeps its row, with hidden_at
 * set, and is left out of every list. Epoch seconds, as everywhere.
 */
export class Migration20261203220000Moderation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "reports" (
      "id" serial primary key,
      "reporter_id" int not null references "users" ("id"),
      "target_type" varchar(20) not null check ("target_type" in ('user', 'task', 'comment', 'chat_message')),
      "target_id" int not null,
      "relation_id" int null,
      "target_user_id" int null references "users" ("id"),
      "reason" varchar(20) not null
        check ("reason" in ('spam', 'harassment', 'inappropriate', 'impersonation', 'other')),
      "details" text null,
      "state" varchar(10) not null default 'open' check ("state" in ('open', 'resolved')),
      "outcome" varchar(20) null check ("outcome" in ('dismiss', 'hide_content', 'suspend')),
      "suspended_days" int null check ("suspended_days" between 1 and 3650),
      "resolution_note" text null,
      "resolved_by" int null references "users" ("id"),
      "created_at" double precision not null,
      "resolved_at" double precision null,
      check (("state" = 'open') = ("outcome" is null)),
      check ("suspended_days" is null or "outcome" = 'suspend'),
      check (("target_type" = 'user') = ("relation_id" is null))
    );`);
    // One open report per reporter and target; the last word when two arrive at once.
    this.addSql(`create unique index "reports_one_open_idx" on "reports"
      ("reporter_id", "target_type", "target_id", coalesce("relation_id", 0)) where "state" = 'open';`);
    // GET /admin/reports?state=: newest first within a state.
    this.addSql(`create index "reports_state_idx" on "reports" ("state", "id");`);

    this.addSql(`alter table "tasks" add column "hidden_at" double precision null;`);
    this.addSql(`alter table "task_comments" add column "hidden_at" double precision null;`);
    this.addSql(`alter table "chat_messages" add column "hidden_at" double precision null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "chat_messages" drop column if exists "hidden_at";`);
    this.addSql(`alter table "task_comments" drop column if exists "hidden_at";`);
    this.addSql(`alter table "tasks" drop column if exists "hidden_at";`);
    this.addSql(`drop table if exists "reports";`);
  }
}
