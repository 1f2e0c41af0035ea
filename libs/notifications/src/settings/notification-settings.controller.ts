import { Body, Controller, Get, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  CurrentUser,
  formatMessage,
  Messages,
} from '@app/platform';
import { BOOLEAN_EMAIL_SETTINGS, type EmailSettings } from '../domain/email-settings';
import { NotificationSettingsDoc, UpdateNotificationSettingsBody } from './dto/notification-settings-bodies';
import { GetNotificationSettingsQuery } from './get-notification-settings.query';
import { UpdateNotificationSettingsCommand } from './update-notification-settings.command';

const changesOf = (body: UpdateNotificationSettingsBody): Partial<EmailSettings> => {
  const changes: Partial<EmailSettings> = {};
  for (const key of BOOLEAN_EMAIL_SETTINGS) if (body[key] !== undefined) changes[key] = body[key];
  if (body.task_activity !== undefined) changes.task_activity = body.task_activity;
  return changes;
};

/** Which emails the caller wants, per kind of event (account security emails are always sent). */
@ApiTags('notifications')
@ApiAccessToken()
@Controller('user/notification_settings')
export class NotificationSettingsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your email settings: on or off per kind of event, task activity as digest or off' })
  @ApiOkResponse({ type: NotificationSettingsDoc })
  async get(@CurrentUser() user: AuthenticatedUser) {
    return { email: await this.queries.execute(new GetNotificationSettingsQuery(user.id)) };
  }

  @Put()
  @ApiOperation({
    summary: 'Change some of your email settings (the others stay)',
    description:
      'Every key is optional; an unknown key is 400, and so is security (those emails cannot be switched off). ' +
      'Every other email also carries a one-click unsubscribe link for its setting.',
  })
  @ApiBody({ type: UpdateNotificationSettingsBody })
  @ApiOkResponse({ type: NotificationSettingsDoc, description: 'All the settings, after the change' })
  @ApiMessage(
    400,
    formatMessage(Messages.NOTIFICATION_SETTING_BOOLEAN, { field_name: 'relation_requests' }),
    Messages.NOTIFICATION_TASK_ACTIVITY_INVALID,
    formatMessage(Messages.NOTIFICATION_SETTING_UNKNOWN, { field_name: 'emails' }),
    Messages.NOTIFICATION_SECURITY_ALWAYS,
    Messages.BAD_REQUEST,
  )
  async update(@Body() body: UpdateNotificationSettingsBody, @CurrentUser() user: AuthenticatedUser) {
    return { email: await this.commands.execute(new UpdateNotificationSettingsCommand(user.id, changesOf(body))) };
  }
}
