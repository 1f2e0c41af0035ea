import { EntityManager } from '@mikro-orm/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiError, Messages } from '@app/platform';
import { User } from '../domain/user.entity';
import { findLiveUserById } from '../domain/users';
import { type AdminView, presentAdmin } from '../http/user.presenter';
import { ListAdminsQuery } from './list-admins.query';

@QueryHandler(ListAdminsQuery)
export class ListAdminsHandler implements IQueryHandler<ListAdminsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ callerId }: ListAdminsQuery): Promise<AdminView[]> {
    const em = this.em.fork();
    const caller = await findLiveUserById(em, callerId);
    if (!caller) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    if (!caller.isAdmin) throw new ApiError(403, Messages.USER_IS_NOT_AN_ADMIN);
    const admins = await em.find(
      User,
      { isAdmin: true, deletedAt: null, id: { $ne: callerId } },
      { orderBy: { id: 'asc' } },
    );
    return admins.map(presentAdmin);
  }
}
