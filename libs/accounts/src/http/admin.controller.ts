import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
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
  Messages,
} from '@app/platform';
import { GrantAdminCommand } from '../commands/grant-admin.command';
import { RevokeAdminCommand } from '../commands/revoke-admin.command';
import { ListAdminsQuery } from '../queries/list-admins.query';
import { AdminDoc, AdminTargetBody } from './dto/account-bodies';

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
  @ApiMessage(400, Messages.USER_IS_ALREADY_AN_ADMIN)
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
}
