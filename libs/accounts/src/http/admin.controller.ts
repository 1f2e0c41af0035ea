import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
} from '@app/platform';
import { GrantAdminCommand } from '../commands/grant-admin.command';
import { LiftSuspensionCommand } from '../commands/lift-suspension.command';
import { RevokeAdminCommand } from '../commands/revoke-admin.command';
import { SuspendAccountCommand } from '../commands/suspend-account.command';
import { LiveAdminGuard } from './live-admin.guard';
import { suspendedConfirmation, suspensionEndSeconds } from '../domain/suspension';
import { ListAdminsQuery } from '../queries/list-admins.query';
import { AdminDoc, AdminTargetBody } from './dto/account-bodies';
import { SuspendAccountBody, SuspensionResultDoc } from './dto/suspension-bodies';

const message = (text: string) => ({ message: text });

@ApiTags('admins')
@ApiAccessToken()
@Controller()
export class AdminController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('admin/new')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant admin to a user (admins only)' })
  @ApiBody({ type: AdminTargetBody })
  @ApiMessage(200, Messages.USER_IS_NOW_AN_ADMIN)
  @ApiPayloadValidationError({ user_id: "'user_id' is a required property" })
  @ApiMessage(400, Messages.USER_IS_ALREADY_AN_ADMIN, Messages.SUSPENDED_ACCOUNT_CANNOT_BE_ADMIN)
  @ApiMessage(403, Messages.USER_ASSIGN_NOT_ADMIN, Messages.USER_CANNOT_BE_ASSIGNED_ADMIN_BY_USER)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async grant(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new GrantAdminCommand(body, call));
    return message(Messages.USER_IS_NOW_AN_ADMIN);
  }

  @Post('admin/remove')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke admin from a user, oneself included unless the last admin (admins only)' })
  @ApiBody({ type: AdminTargetBody })
  @ApiMessage(200, Messages.USER_ADMIN_STATUS_WAS_REVOKED)
  @ApiPayloadValidationError({ user_id: "'user_id' is a required property" })
  @ApiMessage(400, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(403, Messages.USER_REVOKE_NOT_ADMIN, Messages.USER_CANNOT_REVOKE_ADMIN_STATUS)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async revoke(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new RevokeAdminCommand(body, call));
    return message(Messages.USER_ADMIN_STATUS_WAS_REVOKED);
  }

  @Get('admins')
  @ApiOperation({ summary: 'The other admins (admins only)' })
  @ApiOkResponse({ type: [AdminDoc] })
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  listAdmins(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListAdminsQuery(user.id));
  }

  @Post('admin/users/:user_id/suspend')
  @UseGuards(LiveAdminGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Suspend an account for some days or for good (admins only)',
    description:
      'A suspended account cannot log in (403 "Your account is suspended until <ISO 8601 UTC>." or "Your account is ' +
      'suspended.") nor refresh, and every session it had is revoked at once: its tokens answer 401 "The token has ' +
      'been revoked! Please, login again." and its live streams (GET /events) end by their next heartbeat. Once the ' +
      'end has passed it logs in again with nothing to do. Suspending a suspended account replaces the end. An admin ' +
      'account cannot be suspended (revoke its admin status first). Audited (accounts.account_suspended, with the ' +
      'reason).',
  })
  @ApiBody({ type: SuspendAccountBody, required: false })
  @ApiOkResponse({ type: SuspensionResultDoc })
  @ApiMessage(400, Messages.SUSPENSION_DAYS_INVALID, Messages.SUSPENSION_REASON_INVALID)
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  @ApiMessage(409, Messages.ADMIN_CANNOT_BE_SUSPENDED)
  async suspend(
    @Param('user_id', FlaskIntPipe) userId: number,
    @Body() body: SuspendAccountBody,
    @Call() call: CallContext,
  ) {
    const { until } = await this.commands.execute(
      new SuspendAccountCommand(userId, body?.days ?? null, body?.reason, call),
    );
    return { message: suspendedConfirmation(until), user_id: userId, suspended_until: suspensionEndSeconds(until) };
  }

  @Delete('admin/users/:user_id/suspend')
  @UseGuards(LiveAdminGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lift the suspension of an account (admins only)',
    description:
      'The account can log in again at once. Idempotent: an account not suspended gets the same answer (and nothing ' +
      'is audited). Audited (accounts.account_suspension_lifted).',
  })
  @ApiMessage(200, Messages.ACCOUNT_NO_LONGER_SUSPENDED)
  @ApiMessage(403, Messages.USER_IS_NOT_AN_ADMIN)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async lift(@Param('user_id', FlaskIntPipe) userId: number, @Call() call: CallContext) {
    await this.commands.execute(new LiftSuspensionCommand(userId, call));
    return message(Messages.ACCOUNT_NO_LONGER_SUSPENDED);
  }
}
