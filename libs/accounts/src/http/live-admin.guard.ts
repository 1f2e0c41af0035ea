import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { AuthenticatedUser } from '@app/platform';
import { requireLiveAdmin } from '../domain/users';

/**
 * For admin-only routes beyond the reference: the caller must be a live admin before anything else
 * is looked at, so a non-admin gets the same 403 whatever the body or the id (a guard runs before
 * the validation pipe). The reference's own admin routes validate first, as the reference does.
 */
@Injectable()
export class LiveAdminGuard implements CanActivate {
  constructor(private readonly em: EntityManager) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    await requireLiveAdmin(this.em.fork(), user?.id ?? null);
    return true;
  }
}
