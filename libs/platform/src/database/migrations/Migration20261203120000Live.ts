import { Migration } from '@mikro-orm/migrations';

/**
 * The live stream (GET /events): the short-lived, single-use tickets that let a browser's
 * EventSource, which cannot send an Authorization header, open a stream. Only a hash of each ticket
 * is kept; redeeming one deletes its row, so it works once whichever replica it reaches.
 */
export class Migration20261203120000Live extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "live_tickets" (
      "token_hash" varchar(64) primary key,
      "user_id" int not null references "users" ("id") on delete cascade,
      "session_id" uuid null,
      "expires_at" timestamptz not null
    );`);
    // Expired tickets nobody redeemed are swept by expiry.
    this.addSql(`create index "live_tickets_expires_idx" on "live_tickets" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "live_tickets";`);
  }
}
