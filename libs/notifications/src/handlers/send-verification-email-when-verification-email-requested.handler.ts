import { AccountTokens, EMAIL_CONFIRMATION_MAX_AGE_SECONDS, VerificationEmailRequested } from '@app/accounts';
import {
  type AppConfig,
  DeliverThroughQueue,
  type DomainEventHandler,
  InjectConfig,
  Mailer,
  OnDomainEvent,
} from '@app/platform';
import { renderEmailConfirmation } from '../templates/email-confirmation.template';

/** Signs a confirmation link and emails it. At least once: a retried delivery sends another valid link. */
@DeliverThroughQueue('email')
@OnDomainEvent(VerificationEmailRequested)
export class SendVerificationEmailWhenVerificationEmailRequested implements DomainEventHandler<VerificationEmailRequested> {
  constructor(
    private readonly mailer: Mailer,
    private readonly tokens: AccountTokens,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async handle({ payload }: VerificationEmailRequested): Promise<void> {
    const token = this.tokens.emailConfirmationToken(payload.userId, payload.email);
    const email = renderEmailConfirmation({
      name: payload.name,
      confirmUrl: `${this.config.appUrl}/user/confirm_email/${token}`,
      validDays: EMAIL_CONFIRMATION_MAX_AGE_SECONDS / 86_400,
    });
    await this.mailer.send({ to: payload.email, ...email });
  }
}
