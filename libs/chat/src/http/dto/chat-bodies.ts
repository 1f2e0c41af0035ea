import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { Messages } from '@app/platform';
import { MAX_MESSAGE_LENGTH, messageBodyError, readUpToError } from '../../domain/chat.rules';

/** A class-validator rule from a pure check that answers its error text, or null. */
const Check = (name: string, error: (value: unknown) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => error(value) === null,
      defaultMessage: (args) => (args && error(args.value)) ?? Messages.BAD_REQUEST,
    },
  });

/** POST /mentorship_relation/{request_id}/messages: the check (first failed rule → 400) and the /docs schema. */
export class PostMessageBody {
  @ApiProperty({
    type: String,
    minLength: 1,
    maxLength: MAX_MESSAGE_LENGTH,
    example: 'Shall we look at your pull request on Thursday?',
    description:
      'The message: 1 to 2,000 characters once surrounding whitespace is trimmed (stored trimmed); no NUL ' +
      'characters or ill-formed Unicode',
  })
  @Check('chatMessageBody', messageBodyError)
  body: string;
}

/** POST /mentorship_relation/{request_id}/messages/read. */
export class MarkMessagesReadBody {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 42,
    description: 'Read up to this message id (absent: the newest message). The receipt never moves back.',
  })
  @Check('chatReadUpTo', readUpToError)
  up_to?: number;
}

/** A message as the API shows it (presentMessage). */
export class ChatMessageDoc {
  @ApiProperty() id: number;
  @ApiProperty() relation_id: number;
  @ApiProperty({ description: 'the id of the party who wrote it (an anonymised account after a deletion)' })
  author_id: number;
  @ApiProperty() sent_by_me: boolean;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'epoch seconds' }) created_at: number;
  @ApiProperty({ description: "the other party's read receipt covers this message" }) read_by_other: boolean;
}

/** A page of a relation's messages, newest first. */
export class ChatPageDoc {
  @ApiProperty({ type: [ChatMessageDoc] }) messages: ChatMessageDoc[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'pass as `before` for the next (older) page; null when this is the last one',
  })
  next_before: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the newest message id the other party has read' })
  other_party_last_read_id: number | null;
}

export class ReadReceiptDoc {
  @ApiProperty({ nullable: true, type: Number, description: 'your receipt now (null: the relation has no messages)' })
  last_read_id: number | null;
}
