import { Module } from '@nestjs/common';
import { AccountTokens } from '@app/accounts';
import { SendPasswordResetEmailWhenPasswordResetRequested } from './handlers/send-password-reset-email-when-password-reset-requested.handler';
import { SendVerificationEmailWhenVerificationEmailRequested } from './handlers/send-verification-email-when-verification-email-requested.handler';

/** Domain events → emails. Nothing depends on this lib. */
@Module({
  providers: [
    AccountTokens,
    SendVerificationEmailWhenVerificationEmailRequested,
    SendPasswordResetEmailWhenPasswordResetRequested,
  ],
})
export class NotificationsModule {}
