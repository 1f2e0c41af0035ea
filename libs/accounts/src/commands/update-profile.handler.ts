import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { isJsonObject } from '../domain/json-body';
import { PROFILE_TEXT_LIMITS, profileUpdateError } from '../domain/profile.rules';
import { parseTagList, TAG_FIELDS, tagListError, type TagInput, tagsFromText, tagsText } from '../domain/tags';
import { replaceUserTags } from '../domain/user-tags';
import { PROFILE_TEXT_FIELDS, User } from '../domain/user.entity';
import { findLiveUserById } from '../domain/users';
import { ProfileUpdated } from '../events/account-events';
import { UpdateProfileCommand } from './update-profile.command';

const PROFILE_TEXT_LIMIT = Object.fromEntries(PROFILE_TEXT_LIMITS) as Record<string, number>;

@CommandHandler(UpdateProfileCommand)
export class UpdateProfileHandler implements ICommandHandler<UpdateProfileCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ body, call }: UpdateProfileCommand): Promise<void> {
    // The reference's `if not data`: no body, null, [] or {} all mean "nothing sent".
    if (!body || (Array.isArray(body) && body.length === 0)) {
      throw new ApiError(400, Messages.NO_DATA_FOR_UPDATING_PROFILE_WAS_SENT);
    }
    if (!isJsonObject(body)) throw new ApiError(400, Messages.BAD_REQUEST);
    const problem = profileUpdateError(body);
    if (problem) throw new ApiError(400, problem);
    // Beyond the reference: the tag lists, checked after every reference check.
    for (const { field } of TAG_FIELDS) {
      const tagProblem = field in body ? tagListError(field, body[field]) : null;
      if (tagProblem) throw new ApiError(400, tagProblem);
    }

    await this.uow.run(async (tx) => {
      const user = await findLiveUserById(tx.em, call.actorId!);
      if (!user) throw new ApiError(404, Messages.USER_DOES_NOT_EXIST);
      const changed: string[] = [];
      const username = body.username;
      if (typeof username === 'string' && username) {
        // As in the reference, even your own current username counts as taken.
        if (await tx.em.count(User, { username })) {
          throw new ApiError(400, Messages.USER_USES_A_USERNAME_THAT_ALREADY_EXISTS);
        }
        user.username = username;
        changed.push('username');
      }
      if (typeof body.name === 'string' && body.name) {
        user.name = body.name;
        changed.push('name');
      }
      for (const [field, property] of Object.entries(PROFILE_TEXT_FIELDS)) {
        if (!(field in body)) continue;
        const value = body[field];
        (user[property] as string | null) = typeof value === 'string' && value ? value : null;
        changed.push(field);
      }
      if (typeof body.need_mentoring === 'boolean') {
        user.needMentoring = body.need_mentoring;
        changed.push('need_mentoring');
      }
      if (typeof body.available_to_mentor === 'boolean') {
        user.availableToMentor = body.available_to_mentor;
        changed.push('available_to_mentor');
      }
      // The tag lists and the reference's texts, kept in step: a list given sets its text (unless the
      // text is in the same body); a text given alone re-derives the list from its comma-separated parts.
      for (const { kind, field, text } of TAG_FIELDS) {
        let tags: TagInput[] | undefined;
        if (field in body) tags = parseTagList(body[field] as string[]);
        else if (text in body) tags = tagsFromText(user[text]);
        if (!tags) continue;
        const labels = await replaceUserTags(tx.em, user.id, kind, tags);
        if (!(field in body)) continue;
        changed.push(field);
        if (!(text in body)) {
          user[text] = tagsText(labels, PROFILE_TEXT_LIMIT[text]);
          changed.push(text);
        }
      }
      if (changed.length) tx.record(new ProfileUpdated({ userId: user.id, fields: changed }, eventMeta(call)));
    });
  }
}
