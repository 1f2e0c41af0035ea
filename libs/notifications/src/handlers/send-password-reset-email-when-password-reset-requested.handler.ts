import { AccountTokens, PASSWORD_RESET_MAX_AGE_SECONDS, PasswordResetRequested } from '@app/accounts';
import {
  type AppConfig,
  DeliverThroughQueue,
  type DomainEventHandler,
  InjectConfig,
  Mailer,
  OnDomainEvent,
} from '@app/platform';
import { renderPasswordReset } from '../templates/password-reset.template';

/** Emails the reset link; the token is re-created from the request id, never stored. */
@DeliverThroughQueue('email')
@OnDomainEvent(PasswordResetRequested)
export class SendPasswordResetEmailWhenPasswordResetRequested implements DomainEventHandler<PasswordResetRequested> {
  constructor(
    private readonly mailer: Mailer,
    private readonly tokens: AccountTokens,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async handle({ payload }: PasswordResetRequested): Promise<void> {
    const token = this.tokens.passwordResetToken(payload.requestId);
    const email = renderPasswordReset({
      name: payload.name,
      token,
      resetUrl: `${this.config.appUrl}/user/reset_password/${token}`,
      validMinutes: PASSWORD_RESET_MAX_AGE_SECONDS / 60,
    });
    await this.mailer.send({ to: payload.email, ...email });
  }
}
