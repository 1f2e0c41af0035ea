import { Query } from '@nestjs/cqrs';
import type { PublicUserView } from '@app/accounts';

export type RecommendedUser = PublicUserView & { score: number; reasons: string[] };

/** GET /users/recommended: counterparts for the caller, best first. */
export class RecommendUsersQuery extends Query<RecommendedUser[]> {
  constructor(
    readonly callerId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
