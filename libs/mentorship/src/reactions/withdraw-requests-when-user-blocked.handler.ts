import { CommandBus } from '@nestjs/cqrs';
import { UserBlocked } from '@app/accounts';
import { type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { WithdrawBlockedRequestsCommand } from '../commands/withdraw-blocked-requests.command';

/** A blocked pair keeps no request waiting between them. */
@OnDomainEvent(UserBlocked)
export class WithdrawRequestsWhenUserBlocked implements DomainEventHandler<UserBlocked> {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: UserBlocked): Promise<void> {
    const { blockerId, blockedId } = event.payload;
    await this.commands.execute(new WithdrawBlockedRequestsCommand(blockerId, blockedId, event.meta.requestId ?? null));
  }
}
