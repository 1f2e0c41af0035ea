import { Migration } from '@mikro-orm/migrations';

/**
 * Beyond the reference (anitab #709): a member blocks another. One row per blocker and blocked
 * member; the primary key answers "whom did I block" and the reverse index "who blocked me", so the
 * directory's `not exists` in both directions is two index probes per row.
 */
export class Migration20261203210000Blocks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "user_blocks" (
      "blocker_id" int not null references "users" ("id") on delete cascade,
      "blocked_id" int not null references "users" ("id") on delete cascade,
      "created_at" double precision not null,
      primary key ("blocker_id", "blocked_id"),
      check ("blocker_id" <> "blocked_id")
    );`);
    this.addSql(`create index "user_blocks_blocked_idx" on "user_blocks" ("blocked_id", "blocker_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "user_blocks";`);
  }
}
