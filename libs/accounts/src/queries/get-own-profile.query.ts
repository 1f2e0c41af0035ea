import { Query } from '@nestjs/cqrs';
import type { OwnProfileView } from '../http/user.presenter';
/** GET /user. */
export class GetOwnProfileQuery extends Query<OwnProfileView> {
  constructor(readonly userId: number) {
    super();
  }
}
