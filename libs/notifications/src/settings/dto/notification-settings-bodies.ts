import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { formatMessage, Messages } from '@app/platform';
import { EMAIL_SETTINGS, TASK_ACTIVITY_MODES, type TaskActivityMode } from '../../domain/email-settings';

const booleanMessage = (field: string) => formatMessage(Messages.NOTIFICATION_SETTING_BOOLEAN, { field_name: field });

/** The first key of a body that is no setting (security first: it exists, but is no choice). */
export function unknownSettingProblem(keys: readonly string[]): string | null {
  if (keys.includes('security')) return Messages.NOTIFICATION_SECURITY_ALWAYS;
  const unknown = keys.find((key) => !(EMAIL_SETTINGS as readonly string[]).includes(key));
  return unknown === undefined ? null : formatMessage(Messages.NOTIFICATION_SETTING_UNKNOWN, { field_name: unknown });
}

/** Checked when present, null included (IsOptional would let null through as "no change"). */
const Given = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

const BOOLEAN_DOC = { type: Boolean, example: false } as const;

/**
 * PUT /user/notification_settings: a partial update, every key optional. Unlike other bodies,
 * an unknown key is refused (400 naming it), never silently dropped: a typo must not look saved.
 */
export class UpdateNotificationSettingsBody {
  @ApiPropertyOptional({ ...BOOLEAN_DOC, description: 'requests you receive: new, reminders, withdrawn' })
  @Given()
  @IsBoolean({ message: booleanMessage('relation_requests') })
  relation_requests?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN_DOC, description: 'answers to your requests: accepted, rejected, expired' })
  @Given()
  @IsBoolean({ message: booleanMessage('request_answers') })
  request_answers?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN_DOC, description: 'your relations: cancelled, completed' })
  @Given()
  @IsBoolean({ message: booleanMessage('relation_updates') })
  relation_updates?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN_DOC, description: 'proposals to complete early or move the end date' })
  @Given()
  @IsBoolean({ message: booleanMessage('proposals') })
  proposals?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN_DOC, description: 'feedback you receive' })
  @Given()
  @IsBoolean({ message: booleanMessage('feedback') })
  feedback?: boolean;

  @ApiPropertyOptional({ ...BOOLEAN_DOC, description: 'chat messages' })
  @Given()
  @IsBoolean({ message: booleanMessage('chat_messages') })
  chat_messages?: boolean;

  @ApiPropertyOptional({
    enum: TASK_ACTIVITY_MODES,
    example: 'off',
    description: 'digest: task activity in digests; off: none',
  })
  @Given()
  @IsIn(TASK_ACTIVITY_MODES as TaskActivityMode[], { message: Messages.NOTIFICATION_TASK_ACTIVITY_INVALID })
  task_activity?: TaskActivityMode;

  /** The body's keys that are no setting (filled from the raw body, never from a client's field). */
  @Expose()
  @Transform(({ obj }: { obj: Record<string, unknown> }) =>
    Object.keys(obj ?? {}).filter((key) => !(EMAIL_SETTINGS as readonly string[]).includes(key)),
  )
  @ValidateBy({
    name: 'knownNotificationSettings',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && unknownSettingProblem(value as string[]) === null,
      defaultMessage: (args?: ValidationArguments) =>
        unknownSettingProblem(Array.isArray(args?.value) ? (args.value as string[]) : []) ?? Messages.BAD_REQUEST,
    },
  })
  readonly unknownKeys?: string[];
}

/** The settings as GET and PUT answer them. */
export class EmailSettingsDoc {
  @ApiProperty({ type: Boolean, example: true }) relation_requests: boolean;
  @ApiProperty({ type: Boolean, example: true }) request_answers: boolean;
  @ApiProperty({ type: Boolean, example: true }) relation_updates: boolean;
  @ApiProperty({ type: Boolean, example: true }) proposals: boolean;
  @ApiProperty({ type: Boolean, example: true }) feedback: boolean;
  @ApiProperty({ type: Boolean, example: true }) chat_messages: boolean;
  @ApiProperty({ enum: TASK_ACTIVITY_MODES, example: 'digest' }) task_activity: TaskActivityMode;
  @ApiProperty({
    enum: ['always'],
    example: 'always',
    description: 'verification and password reset emails: always sent, read-only',
  })
  security: 'always';
}

export class NotificationSettingsDoc {
  @ApiProperty({ type: EmailSettingsDoc }) email: EmailSettingsDoc;
}
