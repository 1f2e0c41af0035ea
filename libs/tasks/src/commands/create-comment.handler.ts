import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, lengthWithoutWhitespace } from '@app/accounts';
import { ApiError, eventMeta, UnitOfWork } from '@app/platform';
import { objectBody } from '../domain/json-object';
import { commentPrecondition } from '../domain/task-access';
import { TaskComment } from '../domain/task.entity';
import { taskFacts } from '../domain/task-numbers';
import { checkComment } from '../domain/task.rules';
import { TaskCommented } from '../events/task-commented.event';
import { CreateCommentCommand } from './create-comment.command';

@CommandHandler(CreateCommentCommand)
export class CreateCommentHandler implements ICommandHandler<CreateCommentCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, taskNumber, body, call }: CreateCommentCommand): Promise<void> {
    const checked = checkComment(objectBody(body), lengthWithoutWhitespace);
    if ('error' in checked) throw new ApiError(400, checked.error);
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      const { relation, task } = await commentPrecondition(tx.em, relationId, taskNumber, callerId);
      const comment = tx.em.create(TaskComment, {
        taskId: task.id,
        relationId,
        userId: callerId,
        comment: checked.comment,
        creationDate: epochSeconds(),
      });
      await tx.em.flush();
      tx.record(
        new TaskCommented(
          { ...taskFacts(relation, task), commentId: comment.id, comment: checked.comment },
          eventMeta(call),
        ),
      );
    });
  }
}
