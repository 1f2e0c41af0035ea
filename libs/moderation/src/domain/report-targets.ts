import type { EntityManager as SqlEntityManager } from '@mikro-orm/sql';
import { findLiveUserById } from '@app/accounts';
import { ApiError, Messages } from '@app/platform';
import type { HiddenContent } from '../events/content-hidden.event';
import type { ReportTargetType } from './report.rules';

/** What a report records of its target besides its type and id. */
export interface ReportedTarget {
  relationId: number | null;
  /** The reported user, or the content's author. */
  targetUserId: number | null;
}

type ContentType = Exclude<ReportTargetType, 'user'>;

interface ContentRow {
  author_id: number | null;
  relation_id: number;
  mentor_id: number;
  mentee_id: number;
}

/**
 * How each kind of content is found: its author and relation, joined to the relation's parties.
 * Hidden content (and a comment on a hidden task) is not found, as in the lists.
 */
const CONTENT_SQL: Record<ContentType, string> = {
  task: `select t."created_by" as "author_id", t."relation_id", r."mentor_id", r."mentee_id"
           from "tasks" t join "mentorship_relations" r on r."id" = t."relation_id"
          where t."relation_id" = ? and t."number" = ? and t."hidden_at" is null`,
  comment: `select c."user_id" as "author_id", c."relation_id", r."mentor_id", r."mentee_id"
              from "task_comments" c
              join "tasks" t on t."id" = c."task_id" and t."hidden_at" is null
              join "mentorship_relations" r on r."id" = c."relation_id"
             where c."id" = ? and c."hidden_at" is null`,
  chat_message: `select m."author_id", m."relation_id", r."mentor_id", r."mentee_id"
                   from "chat_messages" m join "mentorship_relations" r on r."id" = m."relation_id"
                  where m."id" = ? and m."hidden_at" is null`,
};

/** The 404 of each kind of target: the text its own routes answer. */
const NOT_FOUND: Record<ReportTargetType, string> = {
  user: Messages.USER_DOES_NOT_EXIST,
  task: Messages.TASK_DOES_NOT_EXIST,
  comment: Messages.TASK_COMMENT_DOES_NOT_EXIST,
  chat_message: Messages.CHAT_MESSAGE_DOES_NOT_EXIST,
};

/**
 * The target a member reports, as they can see it: a live user, or content of a relation they are
 * a party of (in any state; content stays readable after a relation ends). Anything else, missing
 * or not theirs to see, is the target's own 404.
 */
export async function findReportedTarget(
  em: SqlEntityManager,
  reporterId: number,
  targetType: ReportTargetType,
  targetId: number,
  relationId: number | null,
): Promise<ReportedTarget> {
  if (targetType === 'user') {
    const user = await findLiveUserById(em, targetId);
    if (!user) throw new ApiError(404, NOT_FOUND.user);
    return { relationId: null, targetUserId: user.id };
  }
  const params = targetType === 'task' ? [relationId, targetId] : [targetId];
  const [row] = await em.execute<ContentRow[]>(CONTENT_SQL[targetType], params);
  if (!row || (row.mentor_id !== reporterId && row.mentee_id !== reporterId)) {
    throw new ApiError(404, NOT_FOUND[targetType]);
  }
  return { relationId: Number(row.relation_id), targetUserId: row.author_id === null ? null : Number(row.author_id) };
}

const HIDE_SQL: Record<ContentType, string> = {
  task: `update "tasks" set "hidden_at" = ? where "relation_id" = ? and "number" = ? and "hidden_at" is null
         returning "created_by" as "author_id", "relation_id"`,
  comment: `update "task_comments" set "hidden_at" = ? where "id" = ? and "hidden_at" is null
            returning "user_id" as "author_id", "relation_id"`,
  chat_message: `update "chat_messages" set "hidden_at" = ? where "id" = ? and "hidden_at" is null
                 returning "author_id", "relation_id"`,
};

/**
 * Hides reported content (hidden_at set; the row stays). Null when there is nothing to hide: the
 * content was deleted since, or another report's resolution hid it already.
 */
export async function hideContent(
  em: SqlEntityManager,
  report: { id: number; targetType: ContentType; targetId: number; relationId: number | null },
  now: number,
): Promise<HiddenContent | null> {
  const params = report.targetType === 'task' ? [now, report.relationId, report.targetId] : [now, report.targetId];
  const [row] = await em.execute<Array<{ author_id: number | null; relation_id: number }>>(
    HIDE_SQL[report.targetType],
    params,
  );
  if (!row) return null;
  return {
    reportId: report.id,
    contentType: report.targetType,
    contentId: report.targetId,
    relationId: Number(row.relation_id),
    authorId: row.author_id === null ? null : Number(row.author_id),
  };
}
