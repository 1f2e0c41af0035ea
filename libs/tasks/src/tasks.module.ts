import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { RelationTaskLists } from '@app/mentorship';
import { CompleteTaskHandler } from './commands/complete-task.handler';
import { CreateCommentHandler } from './commands/create-comment.handler';
import { CreateTaskHandler } from './commands/create-task.handler';
import { DeleteCommentHandler } from './commands/delete-comment.handler';
import { DeleteTaskHandler } from './commands/delete-task.handler';
import { ModifyCommentHandler } from './commands/modify-comment.handler';
import { ReopenTaskHandler } from './commands/reopen-task.handler';
import { UpdateTaskHandler } from './commands/update-task.handler';
import { TaskListsForRelations } from './domain/task-lists.provider';
import { Task, TaskComment } from './domain/task.entity';
import { TasksController } from './http/tasks.controller';
import { ListCommentsHandler } from './queries/list-comments.handler';
import { ListTasksHandler } from './queries/list-tasks.handler';

/** The tasks use cases without routes, and the task lists the mentorship lib asks for. */
@Module({
  imports: [MikroOrmModule.forFeature([Task, TaskComment])],
  providers: [
    CreateTaskHandler,
    UpdateTaskHandler,
    DeleteTaskHandler,
    CompleteTaskHandler,
    ReopenTaskHandler,
    CreateCommentHandler,
    ModifyCommentHandler,
    DeleteCommentHandler,
    ListTasksHandler,
    ListCommentsHandler,
    TaskListsForRelations,
    { provide: RelationTaskLists, useExisting: TaskListsForRelations },
  ],
  exports: [RelationTaskLists],
})
export class TasksCoreModule {}

/** Tasks and task comments of a relation: the routes. */
@Module({
  imports: [TasksCoreModule],
  controllers: [TasksController],
  exports: [TasksCoreModule],
})
export class TasksModule {}
