import { DomainEvent, DomainEventType } from '@app/platform';

/** Asks for a (new) verification email; the notifications lib signs the link and sends it. */
@DomainEventType('accounts.verification_email_requested')
export class VerificationEmailRequested extends DomainEvent<{ userId: number; email: string; name: string }> {}
