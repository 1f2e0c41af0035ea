import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Platform } from './Migration20261122000000Platform';
import { Migration20261129000000Accounts } from './Migration20261129000000Accounts';
import { Migration20261129100000Mentorship } from './Migration20261129100000Mentorship';
import { Migration20261129200000Tasks } from './Migration20261129200000Tasks';
import { Migration20261202000000ScaleOut } from './Migration20261202000000ScaleOut';
import { Migration20261203000000RelationLife } from './Migration20261203000000RelationLife';
import { Migration20261203100000Notifications } from './Migration20261203100000Notifications';
import { Migration20261203110000Chat } from './Migration20261203110000Chat';
import { Migration20261203120000Live } from './Migration20261203120000Live';
import { Migration20261203200000Skills } from './Migration20261203200000Skills';
import { Migration20261203210000Blocks } from './Migration20261203210000Blocks';
import { Migration20261203215000Suspension } from './Migration20261203215000Suspension';
import { Migration20261203220000Moderation } from './Migration20261203220000Moderation';

/**
 * Every migration, oldest first. Listed rather than discovered from disk so the same list runs
 * from the compiled app, from jest and from the CLI. A unit test fails when a file here is missing
 * from this list.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122000000Platform', class: Migration20261122000000Platform },
  { name: 'Migration20261129000000Accounts', class: Migration20261129000000Accounts },
  { name: 'Migration20261129100000Mentorship', class: Migration20261129100000Mentorship },
  { name: 'Migration20261129200000Tasks', class: Migration20261129200000Tasks },
  { name: 'Migration20261202000000ScaleOut', class: Migration20261202000000ScaleOut },
  { name: 'Migration20261203000000RelationLife', class: Migration20261203000000RelationLife },
  { name: 'Migration20261203100000Notifications', class: Migration20261203100000Notifications },
  { name: 'Migration20261203110000Chat', class: Migration20261203110000Chat },
  { name: 'Migration20261203120000Live', class: Migration20261203120000Live },
  { name: 'Migration20261203200000Skills', class: Migration20261203200000Skills },
  { name: 'Migration20261203210000Blocks', class: Migration20261203210000Blocks },
  { name: 'Migration20261203215000Suspension', class: Migration20261203215000Suspension },
  { name: 'Migration20261203220000Moderation', class: Migration20261203220000Moderation },
];
