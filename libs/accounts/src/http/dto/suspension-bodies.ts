import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { Messages } from '@app/platform';
import {
  MAX_SUSPENSION_DAYS,
  MAX_SUSPENSION_REASON_LENGTH,
  MIN_SUSPENSION_DAYS,
  suspensionDaysError,
  suspensionReasonError,
} from '../../domain/suspension';

/** A class-validator rule from a pure check that answers its error text, or null. */
const Check = (name: string, error: (value: unknown) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => error(value) === null,
      defaultMessage: (args) => (args && error(args.value)) ?? Messages.BAD_REQUEST,
    },
  });

/** POST /admin/users/{user_id}/suspend: the check (first failed rule → 400 naming the field) and the /docs schema. */
export class SuspendAccountBody {
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: MIN_SUSPENSION_DAYS,
    maximum: MAX_SUSPENSION_DAYS,
    example: 7,
    description: 'For how many days from now (an integer from 1 to 3650). Absent or null: for good.',
  })
  @Check('suspensionDays', suspensionDaysError)
  days?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_SUSPENSION_REASON_LENGTH,
    example: 'Repeated harassment in task comments.',
    description:
      'Why, for the audit log: at most 500 characters (stored trimmed; blank: none). Never shown to the user.',
  })
  @Check('suspensionReason', suspensionReasonError)
  reason?: string | null;
}

export class SuspensionResultDoc {
  @ApiProperty({
    example: 'The account is suspended until 2026-12-10T14:00:00.000Z.',
    description: `"${Messages.ACCOUNT_SUSPENDED_UNTIL}" (ISO 8601, UTC) or "${Messages.ACCOUNT_SUSPENDED_FOR_GOOD}"`,
  })
  message: string;

  @ApiProperty({ type: 'integer', example: 7 })
  user_id: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1796911200.123,
    description: 'When the suspension ends (epoch seconds); null: for good',
  })
  suspended_until: number | null;
}
