import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { eventMeta, UnitOfWork } from '@app/platform';
import { requireLiveCaller } from '@app/accounts';
import { relationOr404, requireParty, taskOr404 } from '../domain/task-access';
import { taskFacts } from '../domain/task-numbers';
import { TaskDeleted } from '../events/task-deleted.event';
import { DeleteTaskCommand } from './delete-task.command';

@CommandHandler(DeleteTaskCommand)
export class DeleteTaskHandler implements ICommandHandler<DeleteTaskCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, taskNumber, call }: DeleteTaskCommand): Promise<void> {
    await this.uow.run(async (tx) => {
      const relation = await relationOr404(tx.em, relationId);
      await requireLiveCaller(tx.em, call.actorId!);
      // As in the reference, a missing task is told before involvement.
      const task = await taskOr404(tx.em, relationId, taskNumber);
      requireParty(relation, call.actorId!);
      tx.record(new TaskDeleted(taskFacts(relation, task), eventMeta(call)));
      // Its comments go with it (foreign key, on delete cascade).
      tx.em.remove(task);
    });
  }
}
