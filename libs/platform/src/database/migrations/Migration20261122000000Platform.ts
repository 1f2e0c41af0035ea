import { Migration } from '@mikro-orm/migrations';

/** The platform's own tables: the transactional outbox and the audit log. */
export class Migration20261122000000Platform extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "outbox" (
      "id" bigserial primary key,
      "event_id" uuid not null,
      "event_type" varchar(120) not null,
      "payload" jsonb not null,
      "meta" jsonb not null,
      "occurred_at" timestamptz not null,
      "available_at" timestamptz not null,
      "attempts" int not null default 0,
      "delivered_to" jsonb not null default '[]',
      "last_error" text null,
      "locked_until" timestamptz null,
      "processed_at" timestamptz null,
      "dead_at" timestamptz null,
      constraint "outbox_event_id_unique" unique ("event_id")
    );`);
    this.addSql(
      `create index "outbox_pending_idx" on "outbox" ("available_at", "id") where "processed_at" is null and "dead_at" is null;`,
    );

    this.addSql(`create table "audit_log" (
      "id" bigserial primary key,
      "event_id" uuid not null,
      "action" varchar(120) not null,
      "actor_id" int null,
      "target_type" varchar(60) null,
      "target_id" varchar(60) null,
      "request_id" varchar(120) null,
      "occurred_at" timestamptz not null,
      "details" jsonb not null default '{}',
      constraint "audit_log_event_id_unique" unique ("event_id")
    );`);
    this.addSql(`create index "audit_log_occurred_at_idx" on "audit_log" ("occurred_at");`);
    this.addSql(`create index "audit_log_actor_idx" on "audit_log" ("actor_id", "occurred_at");`);
    this.addSql(`create index "audit_log_action_idx" on "audit_log" ("action", "occurred_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "outbox" cascade;`);
  }
}
