import { Migration } from '@mikro-orm/migrations';

/**
 * Skills and interests as data: normalized tags and who holds which, as a skill or an interest.
 * The reference's free-text `skills` / `interests` columns stay, kept in step by PUT /user. The
 * existing texts are not back-filled here: a member's tags are derived from them on their next
 * profile update.
 */
export class Migration20261203200000Skills extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "tags" (
      "id" serial primary key,
      "slug" text not null,
      "label" text not null,
      constraint "tags_slug_unique" unique ("slug")
    );`);
    // GET /skills?prefix=: "slug like 'typ%'" needs the pattern operator class outside the C collation.
    this.addSql(`create index "tags_slug_prefix_idx" on "tags" ("slug" text_pattern_ops);`);
    this.addSql(`create table "user_tags" (
      "user_id" int not null references "users" ("id") on delete cascade,
      "kind" varchar(8) not null check ("kind" in ('skill', 'interest')),
      "tag_id" int not null references "tags" ("id") on delete cascade,
      "position" smallint not null,
      primary key ("user_id", "kind", "tag_id")
    );`);
    // The directory's skill= / interest= filters: an exists on (kind, tag_id) per listed user.
    this.addSql(`create index "user_tags_directory_idx" on "user_tags" ("kind", "tag_id", "user_id");`);
    // The directory's other filters, each with its index: location= (a substring, like search) and
    // the two flags (partial indexes: only the members a filter keeps are in them).
    this.addSql(`create index "users_location_trgm_idx" on "users" using gin ("location" gin_trgm_ops);`);
    this.addSql(
      `create index "users_available_to_mentor_idx" on "users" ("id") where "available_to_mentor" = true and "deleted_at" is null;`,
    );
    this.addSql(
      `create index "users_need_mentoring_idx" on "users" ("id") where "need_mentoring" = true and "deleted_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "users_need_mentoring_idx";`);
    this.addSql(`drop index if exists "users_available_to_mentor_idx";`);
    this.addSql(`drop index if exists "users_location_trgm_idx";`);
    this.addSql(`drop table if exists "user_tags";`);
    this.addSql(`drop table if exists "tags";`);
  }
}
