import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts: users (the reference's §3.1 columns, plus deleted_at for anonymised accounts), login
 * sessions, password reset requests, failed-login counters, and the scheduler's run claims.
 */
export class Migration20261129000000Accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "users" (
      "id" serial primary key,
      "name" text null,
      "username" text null,
      "email" text null,
      "password_hash" varchar(255) null,
      "registration_date" double precision not null,
      "terms_and_conditions_checked" boolean not null default false,
      "is_admin" boolean not null default false,
      "is_email_verified" boolean not null default false,
      "email_verification_date" timestamp null,
      "current_mentorship_role" int null,
      "membership_status" int null,
      "bio" text null,
      "location" text null,
      "occupation" text null,
      "organization" text null,
      "slack_username" text null,
      "social_media_links" text null,
      "skills" text null,
      "interests" text null,
      "resume_url" text null,
      "photo_url" text null,
      "need_mentoring" boolean not null default false,
      "available_to_mentor" boolean not null default false,
      "deleted_at" timestamptz null,
      constraint "users_username_unique" unique ("username"),
      constraint "users_email_unique" unique ("email")
    );`);
    this.addSql(`create index "users_name_trgm_idx" on "users" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "users_username_trgm_idx" on "users" using gin ("username" gin_trgm_ops);`);
    this.addSql(
      `create index "users_unverified_idx" on "users" ("registration_date") where "is_email_verified" = false and "deleted_at" is null;`,
    );
    this.addSql(`create index "users_admin_idx" on "users" ("id") where "is_admin" = true and "deleted_at" is null;`);

    this.addSql(`create table "sessions" (
      "id" uuid primary key,
      "user_id" int not null references "users" ("id") on delete cascade,
      "refresh_token_id" uuid not null,
      "created_at" timestamptz not null,
      "refreshed_at" timestamptz null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "revoked_reason" varchar(40) null,
      "client_address" varchar(64) null,
      "user_agent" varchar(300) null
    );`);
    this.addSql(`create index "sessions_user_idx" on "sessions" ("user_id") where "revoked_at" is null;`);

    this.addSql(`create table "password_reset_requests" (
      "id" uuid primary key,
      "user_id" int not null references "users" ("id") on delete cascade,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null
    );`);
    this.addSql(`create index "password_reset_requests_user_idx" on "password_reset_requests" ("user_id");`);

    this.addSql(`create table "login_failures" (
      "key" varchar(320) primary key,
      "failures" int not null,
      "window_ends_at" timestamptz not null
    );`);

    this.addSql(`create table "scheduled_job_runs" (
      "job" varchar(100) not null,
      "scheduled_for" timestamptz not null,
      "started_at" timestamptz not null,
      "finished_at" timestamptz null,
      "outcome" text null,
      primary key ("job", "scheduled_for")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "scheduled_job_runs" cascade;`);
    this.addSql(`drop table if exists "login_failures" cascade;`);
    this.addSql(`drop table if exists "password_reset_requests" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
  }
}
