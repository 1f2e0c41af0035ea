import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, lengthWithoutWhitespace } from '@app/accounts';
import { ApiError, Messages, UnitOfWork } from '@app/platform';
import { objectBody } from '../domain/json-object';
import { commentPrecondition, ownCommentOf } from '../domain/task-access';
import { checkComment } from '../domain/task.rules';
import { ModifyCommentCommand } from './modify-comment.command';

@CommandHandler(ModifyCommentCommand)
export class ModifyCommentHandler implements ICommandHandler<ModifyCommentCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, taskNumber, commentId, body, call }: ModifyCommentCommand): Promise<void> {
    const checked = checkComment(objectBody(body), lengthWithoutWhitespace);
    if ('error' in checked) throw new ApiError(400, checked.error);
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      const { task } = await commentPrecondition(tx.em, relationId, taskNumber, callerId);
      const comment = await ownCommentOf(
        tx.em,
        task,
        commentId,
        callerId,
        Messages.TASK_COMMENT_WAS_NOT_CREATED_BY_YOU,
      );
      comment.comment = checked.comment;
      comment.modificationDate = epochSeconds();
    });
  }
}
