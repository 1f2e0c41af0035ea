import { Migration } from '@mikro-orm/migrations';

/**
 * Account suspension (beyond the reference, issue 14): `suspended_until` null means not suspended,
 * a time means suspended until then, 'infinity' means suspended for good. A suspension whose end has
 * passed needs no clean-up: it simply no longer applies. The sessions it ends are revoked with the
 * reason 'suspended'; "sessions"."revoked_reason" is a free varchar(40) with no CHECK, so it needs
 * no change.
 */
export class Migration20261203215000Suspension extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "suspended_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column if exists "suspended_until";`);
  }
}
