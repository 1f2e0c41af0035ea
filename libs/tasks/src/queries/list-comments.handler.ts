import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/core';
import { parsePaging, User } from '@app/accounts';
import { commentPrecondition } from '../domain/task-access';
import { TaskComment } from '../domain/task.entity';
import { type CommentPage, presentComment } from '../http/task.presenter';
import { ListCommentsQuery } from './list-comments.query';

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

@QueryHandler(ListCommentsQuery)
export class ListCommentsHandler implements IQueryHandler<ListCommentsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ relationId, taskNumber, callerId, params }: ListCommentsQuery): Promise<CommentPage> {
    const em = this.em.fork();
    const { task } = await commentPrecondition(em, relationId, taskNumber, callerId);
    const where = { taskId: task.id, relationId };
    // Without page/per_page every comment, as the reference answers; with them, the directory's paging.
    const asked = params.page !== undefined || params.per_page !== undefined;
    const paging = asked ? parsePaging(first(params.page), first(params.per_page)) : undefined;
    const [comments, total] =
      paging?.perPage === 0
        ? [[], await em.count(TaskComment, where)]
        : await em.findAndCount(TaskComment, where, {
            orderBy: { id: 'asc' },
            ...(paging ? { limit: paging.perPage, offset: (paging.page - 1) * paging.perPage } : {}),
          });
    const authorIds = [...new Set(comments.map((comment) => comment.userId))];
    const authors = authorIds.length ? await em.find(User, { id: { $in: authorIds } }) : [];
    const names = new Map(authors.map((user) => [user.id, user.name]));
    return {
      comments: comments.map((comment) => presentComment(comment, task.number, names.get(comment.userId) ?? null)),
      total,
      paging,
    };
  }
}
