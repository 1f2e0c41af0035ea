import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventMeta, UnitOfWork } from '@app/platform';
import { Session } from '../domain/session.entity';
import { UserLoggedOut } from '../events/account-events';
import { LogOutCommand } from './log-out.command';

@CommandHandler(LogOutCommand)
export class LogOutHandler implements ICommandHandler<LogOutCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ sessionId, call }: LogOutCommand): Promise<void> {
    const userId = call.actorId!;
    if (!sessionId) return;
    await this.uow.run(async (tx) => {
      const revoked = await tx.em.nativeUpdate(
        Session,
        { id: sessionId, userId, revokedAt: null },
        { revokedAt: new Date(), revokedReason: 'logout' },
      );
      if (revoked) tx.record(new UserLoggedOut({ userId, sessionId }, eventMeta(call)));
    });
  }
}
