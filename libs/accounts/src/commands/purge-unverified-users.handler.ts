import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '@app/platform';
import { anonymiseAccount } from '../domain/anonymise';
import { EMAIL_CONFIRMATION_MAX_AGE_SECONDS } from '../domain/account-tokens';
import { User } from '../domain/user.entity';
import { UserDeleted } from '../events/account-events';
import { PurgeUnverifiedUsersCommand } from './purge-unverified-users.command';

const BATCH = 200;

@CommandHandler(PurgeUnverifiedUsersCommand)
export class PurgeUnverifiedUsersHandler implements ICommandHandler<PurgeUnverifiedUsersCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ now }: PurgeUnverifiedUsersCommand): Promise<number> {
    const cutoff = now.getTime() / 1000 - EMAIL_CONFIRMATION_MAX_AGE_SECONDS;
    let purged = 0;
    // Batches, each its own transaction, so a large backlog never holds one long transaction.
    for (;;) {
      const count = await this.uow.run(async (tx) => {
        const users = await tx.em.find(
          User,
          { isEmailVerified: false, deletedAt: null, registrationDate: { $lt: cutoff } },
          { limit: BATCH, orderBy: { id: 'asc' } },
        );
        for (const user of users) {
          await anonymiseAccount(tx.em, user);
          tx.record(new UserDeleted({ userId: user.id, reason: 'unverified_purge' }, { actorId: null }));
        }
        // Expired failed-login counters go too.
        await tx.em.execute(`delete from "login_failures" where "window_ends_at" < now()`);
        return users.length;
      });
      purged += count;
      if (count < BATCH) return purged;
    }
  }
}
