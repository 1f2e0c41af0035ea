import { Query } from '@nestjs/cqrs';
import type { RelationView } from '../http/relation.presenter';

export type RelationListing = 'all' | 'past' | 'pending';

/** GET /mentorship_relations (optionally one state), /past and /pending. */
export class ListRelationsQuery extends Query<RelationView[]> {
  constructor(
    readonly userId: number,
    readonly listing: RelationListing,
    readonly state?: number,
  ) {
    super();
  }
}
