import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { IssuedTokens } from '../domain/issued-tokens';
/** POST /login: opens a session and returns its tokens. */
export class LogInCommand extends Command<IssuedTokens> {
  constructor(
    readonly body: unknown,
    readonly userAgent: string | null,
    readonly call: CallContext,
  ) {
    super();
  }
}
