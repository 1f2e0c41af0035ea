import { Migration } from '@mikro-orm/migrations';

/**
 * In-app notifications (one row per domain event and recipient, read or not) and each member's
 * email preferences (only the choices they made; the rest are the defaults).
 */
export class Migration20261203100000Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notifications" (
      "id" bigserial primary key,
      "user_id" int not null references "users" ("id") on delete cascade,
      "event_id" uuid not null,
      "kind" varchar(60) not null,
      "data" jsonb not null default '{}',
      "created_at" double precision not null,
      "read_at" double precision null,
      constraint "notifications_event_user_unique" unique ("event_id", "user_id")
    );`);
    // A member's feed, newest first, paged by id.
    this.addSql(`create index "notifications_user_idx" on "notifications" ("user_id", "id" desc);`);
    // The unread count, on every page and after every read.
    this.addSql(`create index "notifications_unread_idx" on "notifications" ("user_id") where "read_at" is null;`);

    this.addSql(`create table "notification_settings" (
      "user_id" int primary key references "users" ("id") on delete cascade,
      "email" jsonb not null default '{}',
      "updated_at" double precision not null
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notification_settings" cascade;`);
    this.addSql(`drop table if exists "notifications" cascade;`);
  }
}
