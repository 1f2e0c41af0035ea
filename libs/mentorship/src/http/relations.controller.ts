import { Body, Controller, Delete, Get, HttpException, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ApiAccessToken,
  ApiError,
  ApiMessage,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  FlaskIntPipe,
  formatMessage,
  Messages,
} from '@app/platform';
import { AcceptRequestCommand } from '../commands/accept-request.command';
import { CancelRelationCommand } from '../commands/cancel-relation.command';
import { DeleteRequestCommand } from '../commands/delete-request.command';
import { RejectRequestCommand } from '../commands/reject-request.command';
import { SendRequestCommand } from '../commands/send-request.command';
import { stateFilterOf } from '../domain/relation-state';
import { GetCurrentRelationQuery } from '../queries/get-current-relation.query';
import { ListRelationsQuery } from '../queries/list-relations.query';
import { RelationDoc, SendRequestBody } from './relation-docs';

const message = (text: string) => ({ message: text });

@ApiTags('mentorship relations')
@ApiAccessToken()
@Controller()
export class RelationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('mentorship_relation/send_request')
  @ApiOperation({ summary: 'Send a mentorship request (PENDING); the recipient is emailed' })
  @ApiBody({ type: SendRequestBody })
  @ApiMessage(201, Messages.MENTORSHIP_RELATION_WAS_SENT_SUCCESSFULLY)
  @ApiMessage(
    400,
    Messages.MENTOR_ID_FIELD_IS_MISSING,
    Messages.MENTEE_ID_FIELD_IS_MISSING,
    Messages.END_DATE_FIELD_IS_MISSING,
    Messages.NOTES_FIELD_IS_MISSING,
    Messages.MATCH_EITHER_MENTOR_OR_MENTEE,
    Messages.MENTOR_ID_SAME_AS_MENTEE_ID,
    Messages.INVALID_END_DATE,
    Messages.END_TIME_BEFORE_PRESENT,
    Messages.MENTOR_TIME_GREATER_THAN_MAX_TIME,
    Messages.MENTOR_TIME_LESS_THAN_MIN_TIME,
    'The notes field must be a string.',
    'The notes field has to be shorter than 401 characters.',
    Messages.MENTOR_NOT_AVAILABLE_TO_MENTOR,
    Messages.MENTEE_NOT_AVAIL_TO_BE_MENTORED,
    Messages.MENTOR_ALREADY_IN_A_RELATION,
    Messages.MENTEE_ALREADY_IN_A_RELATION,
  )
  @ApiMessage(404, Messages.MENTOR_DOES_NOT_EXIST, Messages.MENTEE_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST)
  @ApiMessage(
    409,
    Messages.MENTORSHIP_REQUEST_ALREADY_PENDING,
    // As answered with the default MAX_OPEN_REQUESTS (5); the number is the setting's value.
    formatMessage(Messages.TOO_MANY_OPEN_REQUESTS, { max: 5 }),
  )
  async sendRequest(@Body() body: unknown, @Call() call: CallContext) {
    await this.commands.execute(new SendRequestCommand(body, call));
    return message(Messages.MENTORSHIP_RELATION_WAS_SENT_SUCCESSFULLY);
  }

  @Get('mentorship_relations')
  @ApiOperation({ summary: "All the caller's relations (as mentor, then as mentee), optionally of one state" })
  @ApiQuery({
    name: 'relation_state',
    required: false,
    description: 'pending, accepted, rejected, cancelled or completed',
  })
  @ApiOkResponse({ type: [RelationDoc] })
  @ApiResponse({
    status: 400,
    description: `An unknown relation_state: the body is []. Query arguments without relation_state: {"message": "${Messages.BAD_REQUEST}"}`,
    schema: {
      oneOf: [
        { type: 'array', items: {}, maxItems: 0, example: [] },
        {
          type: 'object',
          required: ['message'],
          properties: { message: { type: 'string', example: Messages.BAD_REQUEST } },
        },
      ],
    },
  })
  list(@Query() params: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser) {
    const filter = stateFilterOf(params);
    if (filter.kind === 'malformed') throw new ApiError(400, Messages.BAD_REQUEST);
    // The reference answers an unknown state with 400 and the body [].
    if (filter.kind === 'unknown_state') throw new HttpException([], 400);
    const state = filter.kind === 'state' ? filter.state : undefined;
    return this.queries.execute(new ListRelationsQuery(user.id, 'all', state));
  }

  @Get('mentorship_relations/past')
  @ApiOperation({ summary: "The caller's relations whose end date has passed, in any state" })
  @ApiOkResponse({ type: [RelationDoc] })
  past(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListRelationsQuery(user.id, 'past'));
  }

  @Get('mentorship_relations/current')
  @ApiOperation({ summary: "The caller's ACCEPTED relation, or a message" })
  @ApiExtraModels(RelationDoc)
  @ApiOkResponse({
    description: `The relation, or {"message": "${Messages.NOT_IN_MENTORED_RELATION_CURRENTLY}"}`,
    schema: {
      oneOf: [
        { $ref: getSchemaPath(RelationDoc) },
        {
          type: 'object',
          required: ['message'],
          properties: { message: { type: 'string', example: Messages.NOT_IN_MENTORED_RELATION_CURRENTLY } },
        },
      ],
    },
  })
  async current(@CurrentUser() user: AuthenticatedUser) {
    return (
      (await this.queries.execute(new GetCurrentRelationQuery(user.id))) ??
      message(Messages.NOT_IN_MENTORED_RELATION_CURRENTLY)
    );
  }

  @Get('mentorship_relations/pending')
  @ApiOperation({ summary: "The caller's PENDING relations (sent and received) whose end date has not passed" })
  @ApiOkResponse({ type: [RelationDoc] })
  pending(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListRelationsQuery(user.id, 'pending'));
  }

  @Put('mentorship_relation/:request_id/accept')
  @ApiOperation({ summary: 'Accept a request sent to the caller; the sender is emailed' })
  @ApiMessage(200, Messages.MENTORSHIP_RELATION_WAS_ACCEPTED_SUCCESSFULLY)
  @ApiMessage(400, Messages.MENTOR_ALREADY_IN_A_RELATION, Messages.MENTEE_ALREADY_IN_A_RELATION)
  @ApiMessage(
    403,
    Messages.NOT_PENDING_STATE_RELATION,
    Messages.CANT_ACCEPT_MENTOR_REQ_SENT_BY_USER,
    Messages.CANT_ACCEPT_UNINVOLVED_MENTOR_RELATION,
    Messages.MENTORSHIP_REQUEST_HAS_EXPIRED,
    Messages.USER_IS_INVOLVED_IN_A_MENTORSHIP_RELATION,
  )
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST)
  async accept(@Param('request_id', FlaskIntPipe) id: number, @Call() call: CallContext) {
    await this.commands.execute(new AcceptRequestCommand(id, call));
    return message(Messages.MENTORSHIP_RELATION_WAS_ACCEPTED_SUCCESSFULLY);
  }

  @Put('mentorship_relation/:request_id/reject')
  @ApiOperation({ summary: 'Reject a request sent to the caller; the sender is emailed' })
  @ApiMessage(200, Messages.MENTORSHIP_RELATION_WAS_REJECTED_SUCCESSFULLY)
  @ApiMessage(
    403,
    Messages.NOT_PENDING_STATE_RELATION,
    Messages.USER_CANT_REJECT_REQUEST_SENT_BY_USER,
    Messages.CANT_REJECT_UNINVOLVED_RELATION_REQUEST,
  )
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST)
  async reject(@Param('request_id', FlaskIntPipe) id: number, @Call() call: CallContext) {
    await this.commands.execute(new RejectRequestCommand(id, call));
    return message(Messages.MENTORSHIP_RELATION_WAS_REJECTED_SUCCESSFULLY);
  }

  @Put('mentorship_relation/:request_id/cancel')
  @ApiOperation({ summary: 'Cancel an ACCEPTED relation (either party); the other party is emailed' })
  @ApiMessage(200, Messages.MENTORSHIP_RELATION_WAS_CANCELLED_SUCCESSFULLY)
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION, Messages.CANT_CANCEL_UNINVOLVED_REQUEST)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST)
  async cancel(@Param('request_id', FlaskIntPipe) id: number, @Call() call: CallContext) {
    await this.commands.execute(new CancelRelationCommand(id, call));
    return message(Messages.MENTORSHIP_RELATION_WAS_CANCELLED_SUCCESSFULLY);
  }

  @Delete('mentorship_relation/:request_id')
  @ApiOperation({ summary: 'Withdraw a PENDING request the caller sent; the recipient is emailed' })
  @ApiMessage(200, Messages.MENTORSHIP_RELATION_WAS_DELETED_SUCCESSFULLY)
  @ApiMessage(403, Messages.NOT_PENDING_STATE_RELATION, Messages.CANT_DELETE_UNINVOLVED_REQUEST)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_REQUEST_DOES_NOT_EXIST)
  async remove(@Param('request_id', FlaskIntPipe) id: number, @Call() call: CallContext) {
    await this.commands.execute(new DeleteRequestCommand(id, call));
    return message(Messages.MENTORSHIP_RELATION_WAS_DELETED_SUCCESSFULLY);
  }
}
