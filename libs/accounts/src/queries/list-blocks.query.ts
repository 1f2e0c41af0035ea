import { Query } from '@nestjs/cqrs';

export interface BlockedUserView {
  id: number;
  username: string;
  name: string;
  /** Epoch seconds. */
  blocked_at: number;
}

/** GET /user/blocks: whom the caller blocked, newest first. */
export class ListBlocksQuery extends Query<BlockedUserView[]> {
  constructor(readonly callerId: number) {
    super();
  }
}
