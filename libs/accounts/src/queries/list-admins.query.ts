import { Query } from '@nestjs/cqrs';
import type { AdminView } from '../http/user.presenter';
/** GET /admins: the admins other than the caller. */
export class ListAdminsQuery extends Query<AdminView[]> {
  constructor(readonly callerId: number) {
    super();
  }
}
