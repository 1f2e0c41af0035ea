import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { UserRegistered, VerificationEmailRequested } from '../events/account-events';
import { requireValidPayload } from '../domain/json-body';
import { hashPassword } from '../domain/password-hashing';
import { registrationError } from '../domain/registration.rules';
import { REGISTER_MODEL } from '../domain/request-models';
import { User } from '../domain/user.entity';
import { epochSeconds } from '../domain/users';
import { RegisterUserCommand } from './register-user.command';

/** Any fixed number: registrations on an empty table take turns, so only one first user is admin. */
const FIRST_USER_LOCK = 727_470_101;

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ body, call }: RegisterUserCommand): Promise<void> {
    const data = requireValidPayload(REGISTER_MODEL, body);
    const problem = registrationError(data as never);
    if (problem) throw new ApiError(400, problem);
    const name = data.name as string;
    const username = data.username as string;
    const email = data.email as string;
    const passwordHash = await hashPassword(data.password as string);

    try {
      await this.uow.run(async (tx) => {
        const { em } = tx;
        // One statement for the three questions (each round trip costs more than the lookups).
        const [taken] = await em.execute<Array<{ username: boolean; email: boolean; empty: boolean }>>(
          `select exists(select 1 from "users" where "username" = ?) as "username",
                  exists(select 1 from "users" where "email" = ?) as "email",
                  not exists(select 1 from "users") as "empty"`,
          [username, email],
        );
        if (taken.username) throw new ApiError(409, Messages.USER_USES_A_USERNAME_THAT_ALREADY_EXISTS);
        if (taken.email) throw new ApiError(409, Messages.USER_USES_AN_EMAIL_ID_THAT_ALREADY_EXISTS);
        let isAdmin = false;
        if (taken.empty) {
          await em.execute('select pg_advisory_xact_lock(?)', [FIRST_USER_LOCK]);
          isAdmin = (await em.count(User, {})) === 0;
        }
        const user = em.create(User, {
          name,
          username,
          email,
          passwordHash,
          registrationDate: epochSeconds(),
          termsAndConditionsChecked: data.terms_and_conditions_checked === true,
          isAdmin,
          needMentoring: data.need_mentoring === true,
          availableToMentor: data.available_to_mentor === true,
          isEmailVerified: false,
        });
        await em.flush();
        const meta = eventMeta(call, user.id);
        tx.record(new UserRegistered({ userId: user.id, isAdmin }, meta));
        tx.record(new VerificationEmailRequested({ userId: user.id, email, name }, meta));
      });
    } catch (error) {
      // Two registrations racing for one username or email: the loser gets the same 409 as if it came second.
      if (error instanceof UniqueConstraintViolationException) {
        throw new ApiError(
          409,
          /username/.test(error.message)
            ? Messages.USER_USES_A_USERNAME_THAT_ALREADY_EXISTS
            : Messages.USER_USES_AN_EMAIL_ID_THAT_ALREADY_EXISTS,
        );
      }
      throw error;
    }
  }
}
