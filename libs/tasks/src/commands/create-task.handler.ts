import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds } from '@app/accounts';
import { ApiError, eventMeta, UnitOfWork } from '@app/platform';
import { objectBody } from '../domain/json-object';
import { requireLiveCaller } from '@app/accounts';
import { relationOr404, requireAccepted, requireParty } from '../domain/task-access';
import { Task } from '../domain/task.entity';
import { nextTaskNumber, taskFacts } from '../domain/task-numbers';
import { checkDescription } from '../domain/task.rules';
import { TaskCreated } from '../events/task-created.event';
import { CreateTaskCommand } from './create-task.command';

@CommandHandler(CreateTaskCommand)
export class CreateTaskHandler implements ICommandHandler<CreateTaskCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  async execute({ relationId, body, call }: CreateTaskCommand): Promise<void> {
    const checked = checkDescription(objectBody(body));
    if ('error' in checked) throw new ApiError(400, checked.error);
    const callerId = call.actorId!;
    await this.uow.run(async (tx) => {
      const relation = await relationOr404(tx.em, relationId);
      await requireLiveCaller(tx.em, callerId);
      requireAccepted(relation);
      requireParty(relation, callerId, 403);
      const task = tx.em.create(Task, {
        relationId,
        number: await nextTaskNumber(tx.em, relationId),
        description: checked.description,
        isDone: false,
        createdAt: epochSeconds(),
        createdBy: callerId,
      });
      tx.em.persist(task);
      tx.record(new TaskCreated(taskFacts(relation, task), eventMeta(call)));
    });
  }
}
