import { Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
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
import { BlockUserCommand } from '../commands/block-user.command';
import { UnblockUserCommand } from '../commands/unblock-user.command';
import { ListBlocksQuery } from '../queries/list-blocks.query';
import { BlockedUserDoc, BlockResultDoc } from './dto/block-bodies';

/**
 * Beyond the reference (anitab #709): a member blocks another. The pair no longer see each other in
 * the directory (GET /users/{id} answers 404 both ways), cannot send each other requests, and the
 * PENDING requests between them are withdrawn. An ACCEPTED relation is not ended by a block.
 */
@ApiTags('users')
@ApiAccessToken()
@Controller()
export class BlocksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('users/:user_id/block')
  @ApiOperation({
    summary: 'Block a user; the pending requests between you are withdrawn',
    description:
      'Idempotent: blocking again answers 200 with the same body (201 when the block is made now). ' +
      'An ACCEPTED relation between you is not ended: the message says how to cancel it and accepted_relation_id names it. ' +
      'A request the blocked user had sent you disappears without an email to anyone; one you had sent them is withdrawn ' +
      'as if you had deleted it (they get the usual "withdrawn" email, which does not mention the block).',
  })
  @ApiCreatedResponse({ type: BlockResultDoc, description: 'The block was made' })
  @ApiOkResponse({ type: BlockResultDoc, description: 'The block already existed' })
  @ApiMessage(400, Messages.CANNOT_BLOCK_YOURSELF)
  @ApiMessage(404, Messages.USER_DOES_NOT_EXIST)
  async block(
    @Param('user_id', FlaskIntPipe) userId: number,
    @Call() call: CallContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, acceptedRelationId } = await this.commands.execute(new BlockUserCommand(userId, call));
    reply.status(created ? 201 : 200);
    return {
      message:
        acceptedRelationId === null
          ? Messages.USER_BLOCKED
          : formatMessage(Messages.USER_BLOCKED_IN_RELATION, { id: acceptedRelationId }),
      accepted_relation_id: acceptedRelationId,
    };
  }

  @Delete('users/:user_id/block')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift your block of a user (only your own blocks)' })
  @ApiMessage(200, Messages.USER_UNBLOCKED)
  @ApiMessage(404, Messages.BLOCK_DOES_NOT_EXIST, Messages.USER_DOES_NOT_EXIST)
  async unblock(@Param('user_id', FlaskIntPipe) userId: number, @Call() call: CallContext) {
    await this.commands.execute(new UnblockUserCommand(userId, call));
    return { message: Messages.USER_UNBLOCKED };
  }

  @Get('user/blocks')
  @ApiOperation({ summary: 'The users you blocked, newest first' })
  @ApiOkResponse({ type: [BlockedUserDoc] })
  listBlocks(@CurrentUser() user: AuthenticatedUser) {
    return this.queries.execute(new ListBlocksQuery(user.id));
  }
}
