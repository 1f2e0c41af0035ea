import { EntityManager } from '@mikro-orm/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { User } from '../domain/user.entity';
import { requireLiveAdmin } from '../domain/users';
import { type AdminView, presentAdmin } from '../http/user.presenter';
import { ListAdminsQuery } from './list-admins.query';

@QueryHandler(ListAdminsQuery)
export class ListAdminsHandler implements IQueryHandler<ListAdminsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ callerId }: ListAdminsQuery): Promise<AdminView[]> {
    const em = this.em.fork();
    await requireLiveAdmin(em, callerId);
    const admins = await em.find(
      User,
      { isAdmin: true, deletedAt: null, id: { $ne: callerId } },
      { orderBy: { id: 'asc' } },
    );
    return admins.map(presentAdmin);
  }
}
