import { Command } from '@nestjs/cqrs';

/** After a block: the PENDING requests between the pair, either way, are withdrawn. */
export class WithdrawBlockedRequestsCommand extends Command<void> {
  constructor(
    readonly blockerId: number,
    readonly blockedId: number,
    readonly requestId: string | null,
  ) {
    super();
  }
}
