import { CommandBus } from '@nestjs/cqrs';
import { UserDeleted } from '@app/accounts';
import { type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { DetachDeletedUserCommand } from '../commands/detach-deleted-user.command';

/** A deleted account leaves no relation that blocks or confuses the other party. */
@OnDomainEvent(UserDeleted)
export class DetachRelationsWhenUserDeleted implements DomainEventHandler<UserDeleted> {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: UserDeleted): Promise<void> {
    await this.commands.execute(new DetachDeletedUserCommand(event.payload.userId, event.meta.requestId ?? null));
  }
}
