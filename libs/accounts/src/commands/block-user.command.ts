import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

export interface BlockOutcome {
  /** True when the block was made now; false when it already existed (the answer is the same). */
  created: boolean;
  /** The ACCEPTED relation between the pair, which the block leaves as it is. */
  acceptedRelationId: number | null;
}

/** POST /users/{id}/block: the caller blocks the user. */
export class BlockUserCommand extends Command<BlockOutcome> {
  constructor(
    readonly blockedId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
