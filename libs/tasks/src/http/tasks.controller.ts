import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiAccessToken,
  ApiMessage,
  type AuthenticatedUser,
  Call,
  type CallContext,
  CurrentUser,
  FlaskIntPipe,
  Messages,
  setPaginationHeaders,
} from '@app/platform';
import { CompleteTaskCommand } from '../commands/complete-task.command';
import { CreateCommentCommand } from '../commands/create-comment.command';
import { CreateTaskCommand } from '../commands/create-task.command';
import { DeleteCommentCommand } from '../commands/delete-comment.command';
import { DeleteTaskCommand } from '../commands/delete-task.command';
import { ModifyCommentCommand } from '../commands/modify-comment.command';
import { ReopenTaskCommand } from '../commands/reopen-task.command';
import { UpdateTaskCommand } from '../commands/update-task.command';
import { ListCommentsQuery } from '../queries/list-comments.query';
import { ListTasksQuery } from '../queries/list-tasks.query';
import { CommentBody, CommentDoc, DescriptionBody, TaskDoc } from './task-docs';

const message = (text: string) => ({ message: text });
const TASK = 'mentorship_relation/:relation_id/task/:task_id';
const NOT_INVOLVED = Messages.USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION;
const DESCRIPTION_LENGTH = 'The description field has to be longer than 0 characters and shorter than 401 characters.';
const COMMENT_400 = [
  Messages.COMMENT_FIELD_IS_MISSING,
  Messages.COMMENT_NOT_IN_STRING_FORMAT,
  'The comment field has to be shorter than 401 characters.',
];

@ApiTags('tasks')
@ApiAccessToken()
@Controller()
export class TasksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('mentorship_relation/:relation_id/task')
  @ApiOperation({ summary: 'Add a task to an ACCEPTED relation (either party)' })
  @ApiBody({ type: DescriptionBody })
  @ApiMessage(201, Messages.TASK_WAS_CREATED_SUCCESSFULLY)
  @ApiMessage(400, Messages.DESCRIPTION_FIELD_IS_MISSING, DESCRIPTION_LENGTH, 'The description field must be a string.')
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION, NOT_INVOLVED)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST)
  async create(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Body() body: unknown,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new CreateTaskCommand(relationId, body, call));
    return message(Messages.TASK_WAS_CREATED_SUCCESSFULLY);
  }

  @Get('mentorship_relation/:relation_id/tasks')
  @ApiOperation({ summary: "The relation's tasks, in creation order (any state)" })
  @ApiOkResponse({ type: [TaskDoc] })
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST)
  list(@Param('relation_id', FlaskIntPipe) relationId: number, @CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListTasksQuery(relationId, user.id));
  }

  @Put(TASK)
  @ApiOperation({ summary: "Edit a task's description (either party of an ACCEPTED relation)" })
  @ApiBody({ type: DescriptionBody })
  @ApiMessage(200, Messages.TASK_WAS_UPDATED_SUCCESSFULLY)
  @ApiMessage(400, Messages.DESCRIPTION_FIELD_IS_MISSING, DESCRIPTION_LENGTH, 'The description field must be a string.')
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.TASK_DOES_NOT_EXIST)
  async update(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Body() body: unknown,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new UpdateTaskCommand(relationId, taskNumber, body, call));
    return message(Messages.TASK_WAS_UPDATED_SUCCESSFULLY);
  }

  @Delete(TASK)
  @ApiOperation({ summary: 'Delete a task and its comments (either party, any state)' })
  @ApiMessage(200, Messages.TASK_WAS_DELETED_SUCCESSFULLY)
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.TASK_DOES_NOT_EXIST)
  async remove(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new DeleteTaskCommand(relationId, taskNumber, call));
    return message(Messages.TASK_WAS_DELETED_SUCCESSFULLY);
  }

  @Put(`${TASK}/complete`)
  @ApiOperation({ summary: 'Mark a task done (either party, any state)' })
  @ApiMessage(200, Messages.TASK_WAS_ACHIEVED_SUCCESSFULLY)
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.TASK_DOES_NOT_EXIST)
  @ApiMessage(409, Messages.TASK_WAS_ALREADY_ACHIEVED)
  async complete(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new CompleteTaskCommand(relationId, taskNumber, call));
    return message(Messages.TASK_WAS_ACHIEVED_SUCCESSFULLY);
  }

  @Put(`${TASK}/reopen`)
  @ApiOperation({ summary: 'Open a done task again (either party of an ACCEPTED relation)' })
  @ApiMessage(200, Messages.TASK_WAS_REOPENED_SUCCESSFULLY)
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.TASK_DOES_NOT_EXIST)
  @ApiMessage(409, Messages.TASK_IS_NOT_COMPLETED)
  async reopen(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new ReopenTaskCommand(relationId, taskNumber, call));
    return message(Messages.TASK_WAS_REOPENED_SUCCESSFULLY);
  }

  @Post(`${TASK}/comment`)
  @ApiOperation({ summary: 'Comment on a task of an ACCEPTED relation' })
  @ApiBody({ type: CommentBody })
  @ApiMessage(201, Messages.TASK_COMMENT_WAS_CREATED_SUCCESSFULLY)
  @ApiMessage(400, ...COMMENT_400)
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.TASK_DOES_NOT_EXIST)
  async comment(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Body() body: unknown,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new CreateCommentCommand(relationId, taskNumber, body, call));
    return message(Messages.TASK_COMMENT_WAS_CREATED_SUCCESSFULLY);
  }

  @Put(`${TASK}/comment/:comment_id`)
  @ApiOperation({ summary: 'Edit own comment' })
  @ApiBody({ type: CommentBody })
  @ApiMessage(200, Messages.TASK_COMMENT_WAS_UPDATED_SUCCESSFULLY)
  @ApiMessage(400, ...COMMENT_400)
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION, Messages.TASK_COMMENT_WAS_NOT_CREATED_BY_YOU)
  @ApiMessage(
    404,
    Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST,
    Messages.TASK_DOES_NOT_EXIST,
    Messages.TASK_COMMENT_DOES_NOT_EXIST,
    Messages.TASK_COMMENT_WITH_GIVEN_TASK_ID_DOES_NOT_EXIST,
  )
  async modifyComment(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Param('comment_id', FlaskIntPipe) commentId: number,
    @Body() body: unknown,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new ModifyCommentCommand(relationId, taskNumber, commentId, body, call));
    return message(Messages.TASK_COMMENT_WAS_UPDATED_SUCCESSFULLY);
  }

  @Delete(`${TASK}/comment/:comment_id`)
  @ApiOperation({ summary: 'Delete own comment' })
  @ApiMessage(200, Messages.TASK_COMMENT_WAS_DELETED_SUCCESSFULLY)
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION, Messages.TASK_COMMENT_WAS_NOT_CREATED_BY_YOU_DELETE)
  @ApiMessage(
    404,
    Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST,
    Messages.TASK_DOES_NOT_EXIST,
    Messages.TASK_COMMENT_DOES_NOT_EXIST,
    Messages.TASK_COMMENT_WITH_GIVEN_TASK_ID_DOES_NOT_EXIST,
  )
  async deleteComment(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Param('comment_id', FlaskIntPipe) commentId: number,
    @Call() call: CallContext,
  ) {
    await this.commands.execute(new DeleteCommentCommand(relationId, taskNumber, commentId, call));
    return message(Messages.TASK_COMMENT_WAS_DELETED_SUCCESSFULLY);
  }

  @Get(`${TASK}/comments`)
  @ApiOperation({
    summary: "A task's comments, in creation order (ACCEPTED relations only)",
    description:
      'Every comment unless page or per_page is given (per_page default 10, at most 50). Headers: X-Total-Count and, ' +
      'when paging, Link (RFC 8288).',
  })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'per_page', required: false })
  @ApiOkResponse({ type: [CommentDoc] })
  @ApiMessage(401, NOT_INVOLVED)
  @ApiMessage(403, Messages.UNACCEPTED_STATE_RELATION)
  @ApiMessage(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST, Messages.TASK_DOES_NOT_EXIST)
  async comments(
    @Param('relation_id', FlaskIntPipe) relationId: number,
    @Param('task_id', FlaskIntPipe) taskNumber: number,
    @Query() params: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.queries.execute(new ListCommentsQuery(relationId, taskNumber, user.id, params));
    if (page.paging) setPaginationHeaders(request, reply, { ...page.paging, total: page.total });
    else void reply.header('X-Total-Count', String(page.total));
    return page.comments;
  }
}
