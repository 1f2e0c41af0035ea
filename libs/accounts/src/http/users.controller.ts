import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiAccessToken,
  ApiMessage,
  ApiPayloadValidationError,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  FlaskIntPipe,
  Messages,
  setPaginationHeaders,
} from '@app/platform';
import { ChangePasswordCommand } from '../commands/change-password.command';
import { DeleteAccountCommand } from '../commands/delete-account.command';
import { UpdateProfileCommand } from '../commands/update-profile.command';
import { GetOwnProfileQuery } from '../queries/get-own-profile.query';
import { GetUserProfileQuery } from '../queries/get-user-profile.query';
import { ListUsersQuery } from '../queries/list-users.query';
import { ChangePasswordBody, OwnProfileDoc, PublicUserDoc, RatingsDoc, UpdateProfileBody } from './dto/account-bodies';

const RATINGS_NOTE =
  'A member someone has rated also carries `ratings` (RatingsDoc): {as_mentor: {average, count}, as_mentee: {average, count}}.';

const message = (text: string) => ({ message: text });

const DirectoryQueries = () => (target: object, key: string, descriptor: PropertyDescriptor) => {
  for (const [name, description] of [
    ['search', 'case-insensitive substring of the name or username (% and _ match literally)'],
    ['page', 'page number, from 1 (default 1)'],
    ['per_page', 'users per page (default 10, at most 50)'],
    ['need_mentoring', 'true or false'],
    ['available_to_mentor', 'true or false'],
    ['skills', 'case-insensitive substring of the skills'],
    ['interests', 'case-insensitive substring of the interests'],
    ['location', 'case-insensitive substring of the location'],
    [
      'skill',
      'beyond the reference: members holding this tag as a skill (normalized, matched exactly; see GET /skills)',
    ],
    ['interest', 'beyond the reference: members holding this tag as an interest (normalized, matched exactly)'],
    ['min_rating', 'beyond the reference: only members whose average rating as a mentor is at least this (1 to 5)'],
    [
      'min_mentee_rating',
      'beyond the reference: only members whose average rating as a mentee is at least this (1 to 5)',
    ],
  ]) {
    ApiQuery({ name, required: false, description })(target, key, descriptor);
  }
  ApiOkResponse({
    type: [PublicUserDoc],
    description:
      'One page, ordered by id, without the caller. Headers: X-Total-Count (all matches, when at most 1,000 or the page reaches past them) and Link (RFC 8288; no rel=last without a total). ' +
      RATINGS_NOTE,
  })(target, key, descriptor);
  ApiMessage(
    400,
    'The need_mentoring query parameter is invalid.',
    'The min_rating query parameter is invalid.',
    'The min_mentee_rating query parameter is invalid.',
  )(target, key, descriptor);
};

/** The user directory and the caller's own account. */
@ApiTags('users')
@ApiAccessToken()
@ApiExtraModels(RatingsDoc)
@Controller()
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('users')
  @ApiOperation({ summary: 'Other users, verified or not (paginated, searchable, filterable)' })
  @DirectoryQueries()
  listUsers(
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.directory(false, params, user, request, reply);
  }

  @Get('users/verified')
  @ApiOperation({ summary: 'Other verified users (paginated, searchable, filterable)' })
  @DirectoryQueries()
  listVerifiedUsers(
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.directory(true, params, user, request, reply);
  }

  @Get('users/:user_id')
  @ApiOperation({ summary: 'Public profile of a verified user' })
  @ApiOkResponse({ type: PublicUserDoc, description: RATINGS_NOTE })
  @ApiMessage(403, Messages.USER_HAS_NOT_VERIFIED_EMAIL_BEFORE_LOGIN)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  getUser(@Param('user_id', FlaskIntPipe) userId: number, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new GetUserProfileQuery(userId, user.id));
  }

  @Get('user')
  @ApiOperation({ summary: 'Own full profile' })
  @ApiOkResponse({ type: OwnProfileDoc })
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  getOwnProfile(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new GetOwnProfileQuery(user.id));
  }

  @Put('user')
  @ApiOperation({ summary: 'Update own profile (email and password are not changed here)' })
  @ApiBody({ type: UpdateProfileBody })
  @ApiMessage(200, Messages.USER_SUCCESSFULLY_UPDATED)
  @ApiMessage(
    400,
    Messages.NO_DATA_FOR_UPDATING_PROFILE_WAS_SENT,
    Messages.NEW_USERNAME_INPUT_BY_USER_IS_INVALID,
    Messages.NAME_INPUT_BY_USER_IS_INVALID,
    Messages.USER_USES_A_USERNAME_THAT_ALREADY_EXISTS,
    Messages.FIELD_NEED_MENTORING_IS_NOT_VALID,
    Messages.FIELD_AVAILABLE_TO_MENTOR_IS_INVALID,
    'The bio field has to be shorter than 451 characters.',
    'The skill_tags field must be an array of strings.',
    'Each skill_tags entry must be 1 to 40 characters long (whitespace trimmed).',
    'The skill_tags field can hold at most 20 different tags.',
  )
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async updateProfile(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new UpdateProfileCommand(body, call));
    return message(Messages.USER_SUCCESSFULLY_UPDATED);
  }

  @Delete('user')
  @ApiOperation({
    summary: 'Delete own account',
    description:
      'The account is anonymised: its personal data is erased, its username and email are free again, every session ' +
      'ends, and what other users share with it (relations, tasks, comments) stays readable without it.',
  })
  @ApiMessage(200, Messages.USER_SUCCESSFULLY_DELETED)
  @ApiMessage(400, Messages.USER_CANT_DELETE)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async deleteAccount(@Call() call: CallContext) {
    await this.commands.execute(new DeleteAccountCommand(call));
    return message(Messages.USER_SUCCESSFULLY_DELETED);
  }

  @Put('user/change_password')
  @HttpCode(201)
  @ApiOperation({ summary: "Change own password; the caller's other sessions end" })
  @ApiBody({ type: ChangePasswordBody })
  @ApiMessage(201, Messages.PASSWORD_SUCCESSFULLY_UPDATED)
  @ApiPayloadValidationError({ new_password: "'new_password' is a required property" })
  @ApiMessage(
    400,
    Messages.USER_ENTERED_CURRENT_PASSWORD,
    Messages.USER_INPUTS_SPACE_IN_PASSWORD,
    'The new_password field has to be longer than 7 characters and shorter than 65 characters.',
    Messages.USER_ENTERED_INCORRECT_PASSWORD,
  )
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async changePassword(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser, @Call() call: CallContext) {
    await this.commands.execute(new ChangePasswordCommand(body, user.sessionId, call));
    return message(Messages.PASSWORD_SUCCESSFULLY_UPDATED);
  }

  private async directory(
    verifiedOnly: boolean,
    params: Record<string, unknown>,
    user: AuthenticatedUser,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const page = await this.queries.execute(new ListUsersQuery(user.id, verifiedOnly, params));
    setPaginationHeaders(request, reply, page);
    return page.users;
  }
}
