import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';

/* The account events (past tense). Payloads never hold a password or a token. */

const userTarget = (userId: number, details: Record<string, unknown> = {}): AuditFacts => ({
  targetType: 'user',
  targetId: userId,
  details,
});

@DomainEventType('accounts.user_registered')
export class UserRegistered extends DomainEvent<{ userId: number; isAdmin: boolean }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { isAdmin: this.payload.isAdmin });
  }
}

/** Asks for a (new) verification email; the notifications lib signs the link and sends it. */
@DomainEventType('accounts.verification_email_requested')
export class VerificationEmailRequested extends DomainEvent<{ userId: number; email: string; name: string }> {}

@DomainEventType('accounts.email_verified')
export class EmailVerified extends DomainEvent<{ userId: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId);
  }
}

@DomainEventType('accounts.user_logged_in')
export class UserLoggedIn extends DomainEvent<{ userId: number; sessionId: string; clientAddress: string | null }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, {
      sessionId: this.payload.sessionId,
      clientAddress: this.payload.clientAddress,
    });
  }
}

export type LoginFailureReason = 'unknown_user' | 'wrong_password' | 'email_not_verified' | 'throttled';

@DomainEventType('accounts.login_failed')
export class LoginFailed extends DomainEvent<{
  userId: number | null;
  reason: LoginFailureReason;
  clientAddress: string | null;
}> {
  override auditFacts(): AuditFacts {
    return {
      targetType: 'user',
      targetId: this.payload.userId,
      details: { reason: this.payload.reason, clientAddress: this.payload.clientAddress },
    };
  }
}

@DomainEventType('accounts.user_logged_out')
export class UserLoggedOut extends DomainEvent<{ userId: number; sessionId: string }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { sessionId: this.payload.sessionId });
  }
}

/** A rotated-out refresh token came back: the session was revoked as likely stolen. */
@DomainEventType('accounts.refresh_token_reused')
export class RefreshTokenReused extends DomainEvent<{ userId: number; sessionId: string }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { sessionId: this.payload.sessionId });
  }
}

@DomainEventType('accounts.password_changed')
export class PasswordChanged extends DomainEvent<{ userId: number; via: 'change_password' | 'reset_password' }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { via: this.payload.via });
  }
}

/** Asks for a password reset email for the request `requestId` (the link's token names it). */
@DomainEventType('accounts.password_reset_requested')
export class PasswordResetRequested extends DomainEvent<{
  userId: number;
  requestId: string;
  email: string;
  name: string;
}> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId);
  }
}

@DomainEventType('accounts.profile_updated')
export class ProfileUpdated extends DomainEvent<{ userId: number; fields: string[] }> {}

export type AccountDeletionReason = 'self_service' | 'unverified_purge';

/** The account was anonymised; other libs drop or detach what belonged to it. */
@DomainEventType('accounts.user_deleted')
export class UserDeleted extends DomainEvent<{ userId: number; reason: AccountDeletionReason }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId, { reason: this.payload.reason });
  }
}

@DomainEventType('accounts.admin_granted')
export class AdminGranted extends DomainEvent<{ userId: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId);
  }
}

@DomainEventType('accounts.admin_revoked')
export class AdminRevoked extends DomainEvent<{ userId: number }> {
  override auditFacts(): AuditFacts {
    return userTarget(this.payload.userId);
  }
}
