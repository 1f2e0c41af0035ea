import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type AuthenticatedUser, SessionRegistry } from '@app/platform';

/** Whether a stream's caller may still stream: 'open', or why not. */
export type LiveCallerState = 'open' | 'revoked' | 'gone';

/**
 * The question the token guards ask on every request, asked of a stream when it opens through a
 * ticket and again on every heartbeat: is the session still open, does the account still exist?
 * (The accounts lib answers it, through the SessionRegistry port; looked up lazily, once.)
 */
@Injectable()
export class LiveSessionCheck {
  private registry?: SessionRegistry | null;

  constructor(private readonly moduleRef: ModuleRef) {}

  async state(user: AuthenticatedUser): Promise<LiveCallerState> {
    if (this.registry === undefined) {
      try {
        this.registry = this.moduleRef.get(SessionRegistry, { strict: false });
      } catch {
        this.registry = null;
      }
    }
    if (!this.registry) return 'open';
    const { sessionOpen, account } = await this.registry.checkCaller(user.id, user.sessionId);
    if (!account) return 'gone';
    if (user.sessionId && !sessionOpen) return 'revoked';
    return 'open';
  }
}
