import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { requireLiveCaller } from '@app/accounts';
import { relationOr404, requireAccepted, requireParty, taskOr404 } from '../domain/task-access';
import { taskFacts } from '../domain/task-numbers';
import { TaskReopened } from '../events/task-reopened.event';
import { ReopenTaskCommand } from './reopen-task.command';

@CommandHandler(ReopenTaskCommand)
export class ReopenTaskHandler implements ICommandHandler<ReopenTaskCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, taskNumber, call }: ReopenTaskCommand): Promise<void> {
    await this.uow.run(async (tx) => {
      const relation = await relationOr404(tx.em, relationId);
      await requireLiveCaller(tx.em, call.actorId!);
      requireParty(relation, call.actorId!);
      requireAccepted(relation);
      const task = await taskOr404(tx.em, relationId, taskNumber);
      if (!task.isDone) throw new ApiError(409, Messages.TASK_IS_NOT_COMPLETED);
      task.isDone = false;
      task.completedAt = null;
      tx.record(new TaskReopened(taskFacts(relation, task), eventMeta(call)));
    });
  }
}
