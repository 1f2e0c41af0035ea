import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** What a proposal asks for: to complete the relation now, or to move its end date. */
export type ProposalKind = 'complete' | 'change_end_date';
export const PROPOSAL_KINDS: readonly ProposalKind[] = ['complete', 'change_end_date'];

/** open → accepted | declined (by the other party) | withdrawn (by the proposer) | lapsed (the relation ended). */
export type ProposalState = 'open' | 'accepted' | 'declined' | 'withdrawn' | 'lapsed';

/**
 * A party's proposal to change an ACCEPTED relation, which takes effect only when the other party
 * accepts it (beyond the reference; android #543). At most one is open per relation (a partial
 * unique index). Dates are epoch seconds, as the relation's.
 */
@Entity({ tableName: 'relation_proposals' })
@Index({
  name: 'relation_proposals_one_open_idx',
  expression:
    'create unique index "relation_proposals_one_open_idx" on "relation_proposals" ("relation_id") where "state" = \'open\'',
})
@Index({ name: 'relation_proposals_relation_idx', properties: ['relationId', 'id'] })
export class RelationProposal {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id: number;

  @Property({ type: 'integer' })
  relationId: number;

  @Property({ type: 'integer' })
  proposerId: number;

  @Property({ type: 'string', length: 20 })
  kind: ProposalKind;

  /** The proposed end date (change_end_date only). */
  @Property({ type: 'double', nullable: true })
  endDate: number | null = null;

  @Property({ type: 'string', length: 20, default: 'open' })
  state: ProposalState = 'open';

  @Property({ type: 'double' })
  createdAt: number;

  /** When it stopped being open (accepted, declined, withdrawn or lapsed). */
  @Property({ type: 'double', nullable: true })
  decidedAt: number | null = null;
}
