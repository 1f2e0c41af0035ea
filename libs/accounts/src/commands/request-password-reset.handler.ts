import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventMeta, UnitOfWork } from '@app/platform';
import { PASSWORD_RESET_MAX_AGE_SECONDS } from '../domain/account-tokens';
import { requireEmailField } from '../domain/json-body';
import { PasswordResetRequest } from '../domain/password-reset-request.entity';
import { findLiveUser } from '../domain/users';
import { PasswordResetRequested } from '../events/account-events';
import { RequestPasswordResetCommand } from './request-password-reset.command';

/** More requests than this per account and hour send nothing (an inbox is not a target). */
const MAX_REQUESTS_PER_HOUR = 5;

@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ body, call }: RequestPasswordResetCommand): Promise<void> {
    const email = requireEmailField(body);
    // The answer is the same whether or not the account exists: no account enumeration.
    await this.uow.run(async (tx) => {
      const user = await findLiveUser(tx.em, { email });
      if (!user) return;
      const now = new Date();
      const recent = await tx.em.count(PasswordResetRequest, {
        userId: user.id,
        createdAt: { $gt: new Date(now.getTime() - 3_600_000) },
      });
      if (recent >= MAX_REQUESTS_PER_HOUR) return;
      const request = tx.em.create(PasswordResetRequest, {
        id: randomUUID(),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_MAX_AGE_SECONDS * 1000),
      });
      tx.em.persist(request);
      tx.record(
        new PasswordResetRequested(
          { userId: user.id, requestId: request.id, email, name: user.name ?? '' },
          eventMeta(call, null),
        ),
      );
    });
  }
}
