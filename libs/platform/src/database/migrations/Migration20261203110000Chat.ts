import { Migration } from '@mikro-orm/migrations';

/**
 * Chat inside a mentorship relation (beyond the reference): the messages, each party's read
 * receipt, and the due-time rows of the email sent when a message stays unread for
 * CHAT_EMAIL_DELAY. Everything goes with its relation (on delete cascade).
 */
export class Migration20261203110000Chat extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "chat_messages" (
      "id" serial primary key,
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "author_id" int not null references "users" ("id"),
      "body" text not null,
      "created_at" double precision not null
    );`);
    // A relation's messages, newest first, paged by id.
    this.addSql(`create index "chat_messages_relation_idx" on "chat_messages" ("relation_id", "id" desc);`);

    this.addSql(`create table "chat_reads" (
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "user_id" int not null references "users" ("id"),
      "last_read_message_id" int not null,
      "read_at" double precision not null,
      primary key ("relation_id", "user_id")
    );`);

    // One row per relation and recipient while unread messages wait for their email.
    this.addSql(`create table "chat_email_digests" (
      "relation_id" int not null references "mentorship_relations" ("id") on delete cascade,
      "recipient_id" int not null references "users" ("id"),
      "pending_since" timestamptz null,
      "last_sent_at" timestamptz null,
      "last_mailed_message_id" int not null default 0,
      "locked_until" timestamptz null,
      primary key ("relation_id", "recipient_id")
    );`);
    this.addSql(
      `create index "chat_email_digests_due_idx" on "chat_email_digests" ("pending_since") where "pending_since" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "chat_email_digests" cascade;`);
    this.addSql(`drop table if exists "chat_reads" cascade;`);
    this.addSql(`drop table if exists "chat_messages" cascade;`);
  }
}
