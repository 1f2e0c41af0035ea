import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiError, eventMeta, UnitOfWork } from '@app/platform';
import { objectBody } from '../domain/json-object';
import { requireLiveCaller } from '@app/accounts';
import { relationOr404, requireAccepted, requireParty, taskOr404 } from '../domain/task-access';
import { taskFacts } from '../domain/task-numbers';
import { checkDescription } from '../domain/task.rules';
import { TaskUpdated } from '../events/task-updated.event';
import { UpdateTaskCommand } from './update-task.command';

@CommandHandler(UpdateTaskCommand)
export class UpdateTaskHandler implements ICommandHandler<UpdateTaskCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, taskNumber, body, call }: UpdateTaskCommand): Promise<void> {
    const checked = checkDescription(objectBody(body));
    if ('error' in checked) throw new ApiError(400, checked.error);
    await this.uow.run(async (tx) => {
      const relation = await relationOr404(tx.em, relationId);
      await requireLiveCaller(tx.em, call.actorId!);
      requireParty(relation, call.actorId!);
      requireAccepted(relation);
      const task = await taskOr404(tx.em, relationId, taskNumber);
      task.description = checked.description;
      tx.record(new TaskUpdated(taskFacts(relation, task), eventMeta(call)));
    });
  }
}
