import { EntityManager } from '@mikro-orm/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiError, Messages } from '@app/platform';
import { findLiveUserById } from '../domain/users';
import { type OwnProfileView, presentOwnProfile } from '../http/user.presenter';
import { GetOwnProfileQuery } from './get-own-profile.query';

@QueryHandler(GetOwnProfileQuery)
export class GetOwnProfileHandler implements IQueryHandler<GetOwnProfileQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId }: GetOwnProfileQuery): Promise<OwnProfileView> {
    const user = await findLiveUserById(this.em.fork(), userId);
    if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    return presentOwnProfile(user);
  }
}
