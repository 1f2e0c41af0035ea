import { Query } from '@nestjs/cqrs';
import type { PublicUserView } from '../http/user.presenter';
/** GET /users/{user_id}. */
export class GetUserProfileQuery extends Query<PublicUserView> {
  constructor(
    readonly userId: number,
    /** Beyond the reference: a blocked pair do not see each other (404 both ways). */
    readonly callerId: number | null = null,
  ) {
    super();
  }
}
