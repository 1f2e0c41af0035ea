import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  CurrentUser,
  formatMessage,
  Messages,
} from '@app/platform';
import { MarkReadBody, NotificationPageDoc, UnreadCountDoc } from './dto/notification-bodies';
import { ListNotificationsQuery } from './list-notifications.query';
import { MarkNotificationsReadCommand } from './mark-notifications-read.command';

const invalidQuery = (name: string) => formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: name });

/** The caller's in-app notifications: every domain event that concerns them, read or not. */
@ApiTags('notifications')
@ApiAccessToken()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Your notifications, newest first, with the unread count',
    description:
      'Cursor paging: pass the next_before of a page as before to get the next (older) one. The same ' +
      'notifications arrive live on GET /events.',
  })
  @ApiQuery({ name: 'before', required: false, description: 'only notifications with a smaller id' })
  @ApiQuery({ name: 'limit', required: false, description: '1–100 (default 20)' })
  @ApiOkResponse({ type: NotificationPageDoc })
  @ApiMessage(400, invalidQuery('before'), invalidQuery('limit'))
  list(@Query() params: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListNotificationsQuery(user.id, params));
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark some (ids) or all (all: true) of your notifications as read',
    description: 'Ids that are not yours are ignored. Answers with the unread count after the change.',
  })
  @ApiBody({ type: MarkReadBody })
  @ApiOkResponse({ type: UnreadCountDoc })
  @ApiMessage(
    400,
    Messages.NOTIFICATION_READ_TARGET,
    Messages.NOTIFICATION_IDS_INVALID,
    Messages.NOTIFICATION_ALL_INVALID,
    Messages.BAD_REQUEST,
  )
  read(@Body() body: MarkReadBody, @CurrentUser() user: AuthenticatedUser) {
    const target = body.all === true ? { all: true as const } : { ids: body.ids! };
    return this.commands.execute(new MarkNotificationsReadCommand(user.id, target));
  }
}
