import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  FlaskIntPipe,
  formatMessage,
  Messages,
} from '@app/platform';
import { MarkMessagesReadCommand } from '../commands/mark-messages-read.command';
import { PostMessageCommand } from '../commands/post-message.command';
import { ListMessagesQuery } from '../queries/list-messages.query';
import { ChatMessageDoc, ChatPageDoc, MarkMessagesReadBody, PostMessageBody, ReadReceiptDoc } from './dto/chat-bodies';
import { presentMessage } from './message.presenter';

const MESSAGES = 'mentorship_relation/:request_id/messages';

/** Not found, or the caller is not a party (the same answer, so nobody else learns anything). */
const ApiRelationNotFound = () =>
  ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST);

/**
 * Beyond the reference: the two parties of a relation write to each other while it is ACCEPTED,
 * and keep reading after it ends. Nobody else reads the messages, admins included.
 */
@ApiTags('chat')
@ApiAccessToken()
@Controller()
export class ChatController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(MESSAGES)
  @ApiOperation({
    summary: 'Send the other party a message (ACCEPTED relations only)',
    description:
      'The other party sees it at once on their live stream (GET /events, event chat_message) and in their ' +
      'notifications; if they have not read it after CHAT_EMAIL_DELAY (default 15 minutes) they are emailed, ' +
      'once per relation and delay.',
  })
  @ApiBody({ type: PostMessageBody })
  @ApiCreatedResponse({ type: ChatMessageDoc, description: 'The message, as you see it' })
  @ApiMessage(
    400,
    Messages.CHAT_BODY_REQUIRED,
    Messages.CHAT_BODY_MUST_BE_STRING,
    Messages.CHAT_BODY_HAS_INVALID_CHARACTERS,
    Messages.CHAT_BODY_LENGTH,
  )
  @ApiRelationNotFound()
  @ApiMessage(409, Messages.CHAT_NEEDS_ACCEPTED_RELATION)
  async post(@Param('request_id', FlaskIntPipe) id: number, @Body() body: PostMessageBody, @Call() call: CallContext) {
    const message = await this.commands.execute(new PostMessageCommand(id, body.body, call));
    // Nobody can have read a message that did not exist a moment ago.
    return presentMessage(message, call.actorId!, null);
  }

  @Get(MESSAGES)
  @ApiOperation({
    summary: "The relation's messages, newest first, a page at a time (parties only, in any state)",
    description: 'Older pages: pass the answer’s next_before as before.',
  })
  @ApiQuery({ name: 'before', required: false, description: 'only messages with a smaller id (from next_before)' })
  @ApiQuery({ name: 'limit', required: false, description: '1–100 (default 50)' })
  @ApiOkResponse({ type: ChatPageDoc })
  @ApiMessage(
    400,
    formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'before' }),
    formatMessage(Messages.INVALID_QUERY_PARAMETER, { field_name: 'limit' }),
  )
  @ApiRelationNotFound()
  list(
    @Param('request_id', FlaskIntPipe) id: number,
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.queries.execute(new ListMessagesQuery(id, user.id, params));
  }

  @Post(`${MESSAGES}/read`)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark the messages read up to one (default: the newest); the receipt only moves forward',
    description: 'In any state of the relation. The other party sees it as read_by_other and other_party_last_read_id.',
  })
  @ApiBody({ type: MarkMessagesReadBody, required: false })
  @ApiOkResponse({ type: ReadReceiptDoc })
  @ApiMessage(400, Messages.CHAT_UP_TO_INVALID)
  @ApiRelationNotFound()
  async read(
    @Param('request_id', FlaskIntPipe) id: number,
    @Body() body: MarkMessagesReadBody,
    @Call() call: CallContext,
  ) {
    const lastRead = await this.commands.execute(new MarkMessagesReadCommand(id, body?.up_to ?? null, call));
    return { last_read_id: lastRead };
  }
}
