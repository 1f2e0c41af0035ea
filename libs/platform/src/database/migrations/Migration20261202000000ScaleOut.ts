import { Migration } from '@mikro-orm/migrations';

/**
 * Parked outbox rows through an index of their own: /metrics counts them at every scrape and the
 * admins' failed-jobs view lists them newest first, while the table holds a week of delivered rows.
 */
export class Migration20261202000000ScaleOut extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "outbox_parked_idx" on "outbox" ("dead_at" desc, "id" desc) where "dead_at" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "outbox_parked_idx";`);
  }
}
