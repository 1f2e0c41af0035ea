import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { RefreshedTokens } from '../domain/issued-tokens';
/** POST /refresh: a new access token (and, with rotation, a new refresh token). */
export class RefreshTokensCommand extends Command<RefreshedTokens> {
  constructor(
    readonly refreshTokenId: string,
    readonly sessionId: string | undefined,
    readonly rotate: boolean,
    readonly call: CallContext,
  ) {
    super();
  }
}
