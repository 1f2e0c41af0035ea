import { Query } from '@nestjs/cqrs';
import type { RelationView } from '../http/relation.presenter';

/** GET /mentorship_relations/current: the caller's ACCEPTED relation, or null. */
export class GetCurrentRelationQuery extends Query<RelationView | null> {
  constructor(readonly userId: number) {
    super();
  }
}
