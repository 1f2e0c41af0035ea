import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Messages, UnitOfWork } from '@app/platform';
import { commentPrecondition, ownCommentOf } from '../domain/task-access';
import { DeleteCommentCommand } from './delete-comment.command';

@CommandHandler(DeleteCommentCommand)
export class DeleteCommentHandler implements ICommandHandler<DeleteCommentCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, taskNumber, commentId, call }: DeleteCommentCommand): Promise<void> {
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      const { task } = await commentPrecondition(tx.em, relationId, taskNumber, callerId);
      const comment = await ownCommentOf(
        tx.em,
        task,
        commentId,
        callerId,
        Messages.TASK_COMMENT_WAS_NOT_CREATED_BY_YOU_DELETE,
      );
      tx.em.remove(comment);
    });
  }
}
