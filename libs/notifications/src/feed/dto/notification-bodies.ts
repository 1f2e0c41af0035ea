import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { Messages } from '@app/platform';

export const MAX_READ_IDS = 500;

const isIdList = (value: unknown): value is number[] =>
  Array.isArray(value) &&
  value.length >= 1 &&
  value.length <= MAX_READ_IDS &&
  value.every((id) => typeof id === 'number' && Number.isSafeInteger(id) && id >= 1);

/** The first problem of a read body: exactly one of ids and all, then each one's shape. */
export function readBodyProblem(body: { ids?: unknown; all?: unknown }): string | null {
  const hasIds = body.ids !== undefined;
  const hasAll = body.all !== undefined;
  if (hasIds === hasAll) return Messages.NOTIFICATION_READ_TARGET;
  if (hasIds && !isIdList(body.ids)) return Messages.NOTIFICATION_IDS_INVALID;
  if (hasAll && body.all !== true) return Messages.NOTIFICATION_ALL_INVALID;
  return null;
}

const problemOf = (args: ValidationArguments) => readBodyProblem(args.object as { ids?: unknown; all?: unknown });

/** POST /notifications/read: the check (first failed rule → 400 with its text) and the /docs schema. */
export class MarkReadBody {
  @ApiPropertyOptional({
    type: [Number],
    minItems: 1,
    maxItems: MAX_READ_IDS,
    example: [41, 42],
    description: 'ids of your notifications to mark as read (others are ignored); not with all',
  })
  @ValidateBy({
    name: 'notificationReadTarget',
    validator: {
      // Runs even when ids is absent: it is where "exactly one of ids and all" is checked.
      validate: (_value: unknown, args?: ValidationArguments) => !args || problemOf(args) === null,
      defaultMessage: (args?: ValidationArguments) => (args && problemOf(args)) ?? Messages.BAD_REQUEST,
    },
  })
  ids?: number[];

  @ApiPropertyOptional({
    enum: [true],
    example: true,
    description: 'true: mark every notification as read; not with ids',
  })
  @ValidateBy({
    name: 'notificationReadAll',
    validator: {
      validate: (value: unknown) => value === undefined || value === true,
      defaultMessage: () => Messages.NOTIFICATION_ALL_INVALID,
    },
  })
  all?: true;
}

/** A notification as the API shows it. */
export class NotificationDoc {
  @ApiProperty({ example: 42 }) id: number;
  @ApiProperty({
    example: 'relation_requested',
    description:
      'password_changed, admin_granted, relation_requested, relation_request_reminded, relation_request_withdrawn, ' +
      'relation_accepted, relation_rejected, relation_request_expired, relation_cancelled, relation_completed, ' +
      'proposal_made, proposal_accepted, proposal_declined, proposal_withdrawn, feedback_left, task_created, ' +
      'task_updated, task_completed, task_reopened, task_deleted, task_commented, chat_message',
  })
  kind: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { relation_id: 7, other_user_id: 3, sender_role: 'mentee', end_date: 1800000000.0 },
    description:
      'ids and facts of the event (relation_id, other_user_id, proposal_id, proposal_kind, rating, task_id, ...); ' +
      'names are read from the users endpoints',
  })
  data: Record<string, unknown>;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ nullable: true, type: Number, description: 'epoch seconds, null while unread' })
  read_at: number | null;
  @ApiProperty() read: boolean;
}

export class NotificationPageDoc {
  @ApiProperty({ type: [NotificationDoc] }) notifications: NotificationDoc[];
  @ApiProperty({ example: 3 }) unread_count: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'pass as before for the next (older) page; null: last page',
  })
  next_before: number | null;
}

export class UnreadCountDoc {
  @ApiProperty({ example: 0 }) unread_count: number;
}
