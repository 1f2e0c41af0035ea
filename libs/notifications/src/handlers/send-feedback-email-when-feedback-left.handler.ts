import { EntityManager } from '@mikro-orm/core';
import { findLiveUserById } from '@app/accounts';
import { FeedbackLeft, RelationFeedback } from '@app/mentorship';
import { DeliverThroughQueue, type DomainEventHandler, OnDomainEvent } from '@app/platform';
import { renderFeedbackLeft } from '../templates/feedback-emails.template';
import { displayName, RelationParties } from './relation-parties';

/**
 * Beyond the reference: the rated party learns of the feedback and its rating. The testimonial's
 * text is read at delivery (events never carry it): one an admin has hidden meanwhile is left out,
 * and feedback gone meanwhile (a deleted account) sends nothing.
 */
@DeliverThroughQueue('email')
@OnDomainEvent(FeedbackLeft)
export class SendFeedbackEmailWhenFeedbackLeft implements DomainEventHandler<FeedbackLeft> {
  constructor(
    private readonly em: EntityManager,
    private readonly parties: RelationParties,
  ) {}

  async handle({ payload }: FeedbackLeft): Promise<void> {
    const em = this.em.fork();
    const feedback = await em.findOne(RelationFeedback, { id: payload.feedbackId });
    if (!feedback) return;
    const subject = await findLiveUserById(em, payload.subjectId);
    if (!subject) return;
    const author = await findLiveUserById(em, payload.authorId);
    await this.parties.send(
      subject,
      renderFeedbackLeft({
        recipient: displayName(subject)!,
        author: displayName(author),
        rating: payload.rating,
        role: payload.subjectRole,
        testimonial: feedback.hiddenAt === null ? feedback.testimonial : null,
      }),
      'feedback',
    );
  }
}
