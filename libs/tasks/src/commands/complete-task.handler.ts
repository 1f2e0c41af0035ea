import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds } from '@app/accounts';
import { ApiError, eventMeta, Messages, UnitOfWork } from '@app/platform';
import { requireLiveCaller } from '@app/accounts';
import { relationOr404, requireParty, taskOr404 } from '../domain/task-access';
import { taskFacts } from '../domain/task-numbers';
import { TaskCompleted } from '../events/task-completed.event';
import { CompleteTaskCommand } from './complete-task.command';

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, taskNumber, call }: CompleteTaskCommand): Promise<void> {
    await this.uow.run(async (tx) => {
      const relation = await relationOr404(tx.em, relationId);
      await requireLiveCaller(tx.em, call.actorId!);
      requireParty(relation, call.actorId!);
      const task = await taskOr404(tx.em, relationId, taskNumber);
      if (task.isDone) throw new ApiError(409, Messages.TASK_WAS_ALREADY_ACHIEVED);
      task.isDone = true;
      task.completedAt = epochSeconds();
      tx.record(new TaskCompleted(taskFacts(relation, task), eventMeta(call)));
    });
  }
}
