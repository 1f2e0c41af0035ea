import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';

export interface HiddenContent {
  /** The report whose resolution hid it. */
  reportId: number;
  contentType: 'task' | 'comment' | 'chat_message';
  /** A comment's or chat message's id; a task's number within relationId. */
  contentId: number;
  relationId: number;
  /** Who wrote it (null: a task with no recorded creator). */
  authorId: number | null;
}

/** An admin hid a task, a comment or a chat message: it leaves every list, for both parties. Audited. */
@DomainEventType('moderation.content_hidden')
export class ContentHidden extends DomainEvent<HiddenContent> {
  override auditFacts(): AuditFacts {
    const { contentType, contentId, relationId, reportId, authorId } = this.payload;
    return {
      targetType: contentType,
      targetId: contentType === 'task' ? `${relationId}/${contentId}` : contentId,
      details: { reportId, relationId, authorId },
    };
  }
}
