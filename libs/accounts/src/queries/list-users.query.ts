import { Query } from '@nestjs/cqrs';
import type { UserDirectoryPage } from '../http/user.presenter';
/** GET /users and /users/verified, with the directory filters. */
export class ListUsersQuery extends Query<UserDirectoryPage> {
  constructor(
    readonly callerId: number,
    readonly verifiedOnly: boolean,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
