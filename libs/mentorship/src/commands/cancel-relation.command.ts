import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';

/** PUT /mentorship_relation/{request_id}/cancel. */
export class CancelRelationCommand extends Command<void> {
  constructor(
    readonly relationId: number,
    readonly call: CallContext,
  ) {
    super();
  }
}
