import { EntityManager } from '@mikro-orm/core';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiError, Messages } from '@app/platform';
import { isBlockedEitherWay } from '../domain/user-blocks';
import { findLiveUserById } from '../domain/users';
import { presentPublicUser, type PublicUserView } from '../http/user.presenter';
import { GetUserProfileQuery } from './get-user-profile.query';

@QueryHandler(GetUserProfileQuery)
export class GetUserProfileHandler implements IQueryHandler<GetUserProfileQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, callerId }: GetUserProfileQuery): Promise<PublicUserView> {
    const em = this.em.fork();
    const user = await findLiveUserById(em, userId);
    if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    // Beyond the reference: a blocked pair do not see each other, whoever blocked whom.
    if (callerId !== null && callerId !== userId && (await isBlockedEitherWay(em, callerId, userId))) {
      throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
    }
    // The reference's verification guard runs on the target id here.
    if (!user.isEmailVerified) throw new ApiError(403, Messages.USER_HAS_NOT_VERIFIED_EMAIL_BEFORE_LOGIN);
    // As in the reference, availability is not computed on this endpoint.
    return presentPublicUser(user, null);
  }
}
