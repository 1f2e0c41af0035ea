import { Query } from '@nestjs/cqrs';
import type { PublicUserView } from '../http/user.presenter';
/** GET /users/{user_id}. */
export class GetUserProfileQuery extends Query<PublicUserView> {
  constructor(readonly userId: number) {
    super();
  }
}
