import { AdminGranted, PasswordChanged, UserLoggedIn } from '@app/accounts';
import {
  FeedbackEdited,
  FeedbackLeft,
  ProposalAccepted,
  ProposalDeclined,
  ProposalLapsed,
  ProposalMade,
  ProposalWithdrawn,
  RelationAccepted,
  RelationCancelled,
  RelationCompleted,
  RelationRejected,
  RelationRequested,
  RelationRequestExpired,
  RelationRequestReminded,
  RelationRequestWithdrawn,
} from '@app/mentorship';
import { TaskCommented, TaskCompleted, TaskCreated, TaskDeleted, TaskReopened, TaskUpdated } from '@app/tasks';
import { NOTIFYING_EVENT_TYPES, notificationsFor } from './notification-kinds';

const MENTOR = 10;
const MENTEE = 20;
/** A request sent by the mentee. */
const relation = { relationId: 7, mentorId: MENTOR, menteeId: MENTEE, actionUserId: MENTEE, endDate: 1_800_000_000 };
const proposal = {
  proposalId: 3,
  relationId: 7,
  mentorId: MENTOR,
  menteeId: MENTEE,
  proposerId: MENTOR,
  kind: 'change_end_date' as const,
  endDate: 1_810_000_000,
  relationEndDate: 1_800_000_000,
};
const taskFacts = { relationId: 7, mentorId: MENTOR, menteeId: MENTEE, taskNumber: 2, description: 'Read the guide' };

const recipients = (event: Parameters<typeof notificationsFor>[0]) =>
  notificationsFor(event).map((draft) => [draft.userId, draft.kind]);

describe('notificationsFor', () => {
  it('matches the type strings of the real event classes', () => {
    const types = [
      new PasswordChanged({ userId: 1, via: 'change_password' }),
      new AdminGranted({ userId: 1 }),
      new RelationRequested({ ...relation, notes: '' }),
      new RelationRequestReminded(relation),
      new RelationRequestWithdrawn({ ...relation, reason: 'deleted_by_sender' }),
      new RelationAccepted(relation),
      new RelationRejected(relation),
      new RelationRequestExpired(relation),
      new RelationCancelled({ ...relation, reason: 'cancelled_by_party' }),
      new RelationCompleted(relation),
      new ProposalMade(proposal),
      new ProposalAccepted(proposal),
      new ProposalDeclined(proposal),
      new ProposalWithdrawn(proposal),
      new TaskCreated(taskFacts),
      new TaskUpdated(taskFacts),
      new TaskCompleted(taskFacts),
      new TaskReopened(taskFacts),
      new TaskDeleted(taskFacts),
      new TaskCommented({ ...taskFacts, commentId: 1, comment: 'x' }),
    ].map((event) => event.eventType);
    for (const type of types) expect(NOTIFYING_EVENT_TYPES).toContain(type);
    expect(new FeedbackLeft({} as never).eventType).toBe('mentorship.feedback_left');
  });

  it('a request notifies its receiver, with the sender and the role they asked for', () => {
    expect(notificationsFor(new RelationRequested({ ...relation, notes: 'hi' }, { actorId: MENTEE }))).toEqual([
      {
        userId: MENTOR,
        kind: 'relation_requested',
        data: { relation_id: 7, other_user_id: MENTEE, sender_role: 'mentee', end_date: 1_800_000_000 },
      },
    ]);
    const byMentor = { ...relation, actionUserId: MENTOR };
    expect(notificationsFor(new RelationRequested({ ...byMentor, notes: '' }, { actorId: MENTOR }))[0]).toMatchObject({
      userId: MENTEE,
      data: { other_user_id: MENTOR, sender_role: 'mentor' },
    });
  });

  it('a reminder goes to the receiver; accepted, rejected and expired to the sender', () => {
    expect(recipients(new RelationRequestReminded(relation, { actorId: null }))).toEqual([
      [MENTOR, 'relation_request_reminded'],
    ]);
    expect(notificationsFor(new RelationAccepted(relation, { actorId: MENTOR }))).toEqual([
      {
        userId: MENTEE,
        kind: 'relation_accepted',
        data: { relation_id: 7, other_user_id: MENTOR, end_date: 1_800_000_000 },
      },
    ]);
    expect(recipients(new RelationRejected(relation, { actorId: MENTOR }))).toEqual([[MENTEE, 'relation_rejected']]);
    expect(recipients(new RelationRequestExpired(relation, { actorId: null }))).toEqual([
      [MENTEE, 'relation_request_expired'],
    ]);
  });

  it('a withdrawn request goes to the party who did not act (the receiver, or the live one of a deleted account)', () => {
    expect(
      notificationsFor(new RelationRequestWithdrawn({ ...relation, reason: 'deleted_by_sender' }, { actorId: MENTEE })),
    ).toEqual([
      {
        userId: MENTOR,
        kind: 'relation_request_withdrawn',
        data: { relation_id: 7, other_user_id: MENTEE, reason: 'deleted_by_sender' },
      },
    ]);
    // The receiver deleted their account: the sender hears of it.
    expect(
      recipients(new RelationRequestWithdrawn({ ...relation, reason: 'account_deleted' }, { actorId: MENTOR })),
    ).toEqual([[MENTEE, 'relation_request_withdrawn']]);
  });

  it('a request withdrawn by a block reaches the receiver only when the blocker sent it, as a plain withdrawal', () => {
    // `relation` was sent by its actionUserId; the blocker is the actor.
    const sender = relation.actionUserId;
    const receiver = sender === MENTOR ? MENTEE : MENTOR;
    expect(
      notificationsFor(new RelationRequestWithdrawn({ ...relation, reason: 'blocked' }, { actorId: sender })),
    ).toEqual([
      {
        userId: receiver,
        kind: 'relation_request_withdrawn',
        data: { relation_id: 7, other_user_id: sender, reason: 'deleted_by_sender' },
      },
    ]);
    expect(
      notificationsFor(new RelationRequestWithdrawn({ ...relation, reason: 'blocked' }, { actorId: receiver })),
    ).toEqual([]);
  });

  it('a cancellation goes to the other party; completion to both', () => {
    expect(
      notificationsFor(new RelationCancelled({ ...relation, reason: 'cancelled_by_party' }, { actorId: MENTOR })),
    ).toEqual([
      {
        userId: MENTEE,
        kind: 'relation_cancelled',
        data: { relation_id: 7, other_user_id: MENTOR, reason: 'cancelled_by_party' },
      },
    ]);
    expect(recipients(new RelationCancelled({ ...relation, reason: 'cancelled_by_party' }, { actorId: null }))).toEqual(
      [
        [MENTOR, 'relation_cancelled'],
        [MENTEE, 'relation_cancelled'],
      ],
    );
    expect(notificationsFor(new RelationCompleted(relation, { actorId: null }))).toEqual([
      {
        userId: MENTOR,
        kind: 'relation_completed',
        data: { relation_id: 7, other_user_id: MENTEE, reason: 'end_date' },
      },
      {
        userId: MENTEE,
        kind: 'relation_completed',
        data: { relation_id: 7, other_user_id: MENTOR, reason: 'end_date' },
      },
    ]);
    // Agreed early: the accepting party acted, but both are told.
    expect(recipients(new RelationCompleted({ ...relation, reason: 'agreed_early' }, { actorId: MENTEE }))).toEqual([
      [MENTOR, 'relation_completed'],
      [MENTEE, 'relation_completed'],
    ]);
  });

  it('proposals go to the party who did not act', () => {
    const data = { relation_id: 7, proposal_id: 3, proposal_kind: 'change_end_date', end_date: 1_810_000_000 };
    expect(notificationsFor(new ProposalMade(proposal, { actorId: MENTOR }))).toEqual([
      { userId: MENTEE, kind: 'proposal_made', data: { ...data, other_user_id: MENTOR } },
    ]);
    expect(notificationsFor(new ProposalAccepted(proposal, { actorId: MENTEE }))).toEqual([
      { userId: MENTOR, kind: 'proposal_accepted', data: { ...data, other_user_id: MENTEE } },
    ]);
    expect(recipients(new ProposalDeclined(proposal, { actorId: MENTEE }))).toEqual([[MENTOR, 'proposal_declined']]);
    expect(recipients(new ProposalWithdrawn(proposal, { actorId: MENTOR }))).toEqual([[MENTEE, 'proposal_withdrawn']]);
    expect(notificationsFor(new ProposalLapsed(proposal, { actorId: MENTOR }))).toEqual([]);
  });

  it('feedback goes to the rated party, with the rating', () => {
    const facts = {
      feedbackId: 5,
      relationId: 7,
      authorId: MENTEE,
      subjectId: MENTOR,
      subjectRole: 'mentor' as const,
      rating: 4,
      hasTestimonial: true,
    };
    expect(notificationsFor(new FeedbackLeft(facts, { actorId: MENTEE }))).toEqual([
      {
        userId: MENTOR,
        kind: 'feedback_left',
        data: { relation_id: 7, feedback_id: 5, rating: 4, subject_role: 'mentor', other_user_id: MENTEE },
      },
    ]);
    expect(notificationsFor(new FeedbackEdited({ ...facts, previousRating: 3 }, { actorId: MENTEE }))).toEqual([]);
  });

  it('task and comment activity goes to the other party; nobody when the actor is no party', () => {
    expect(notificationsFor(new TaskCreated(taskFacts, { actorId: MENTOR }))).toEqual([
      {
        userId: MENTEE,
        kind: 'task_created',
        data: { relation_id: 7, task_id: 2, description: 'Read the guide', other_user_id: MENTOR },
      },
    ]);
    expect(
      notificationsFor(new TaskCommented({ ...taskFacts, commentId: 9, comment: 'ok' }, { actorId: MENTEE })),
    ).toEqual([
      {
        userId: MENTOR,
        kind: 'task_commented',
        data: { relation_id: 7, task_id: 2, description: 'Read the guide', comment_id: 9, other_user_id: MENTEE },
      },
    ]);
    expect(recipients(new TaskCompleted(taskFacts, { actorId: MENTEE }))).toEqual([[MENTOR, 'task_completed']]);
    expect(recipients(new TaskReopened(taskFacts, { actorId: MENTEE }))).toEqual([[MENTOR, 'task_reopened']]);
    expect(recipients(new TaskUpdated(taskFacts, { actorId: MENTOR }))).toEqual([[MENTEE, 'task_updated']]);
    expect(recipients(new TaskDeleted(taskFacts, { actorId: MENTOR }))).toEqual([[MENTEE, 'task_deleted']]);
    expect(notificationsFor(new TaskCreated(taskFacts, { actorId: 99 }))).toEqual([]);
    expect(notificationsFor(new TaskCreated(taskFacts, {}))).toEqual([]);
  });

  it('account events tell their subject, even when they acted themselves', () => {
    expect(notificationsFor(new PasswordChanged({ userId: 1, via: 'reset_password' }, { actorId: 1 }))).toEqual([
      { userId: 1, kind: 'password_changed', data: { via: 'reset_password' } },
    ]);
    expect(notificationsFor(new AdminGranted({ userId: 2 }, { actorId: 1 }))).toEqual([
      { userId: 2, kind: 'admin_granted', data: { granted_by: 1 } },
    ]);
    expect(notificationsFor(new UserLoggedIn({ userId: 1 } as never, { actorId: 1 }))).toEqual([]);
  });

  it('chat messages are matched by type string and read structurally', () => {
    const event = {
      eventType: 'chat.message_posted',
      payload: { messageId: 11, relationId: 7, authorId: MENTEE, recipientId: MENTOR },
      meta: { actorId: MENTEE },
    };
    expect(notificationsFor(event)).toEqual([
      { userId: MENTOR, kind: 'chat_message', data: { relation_id: 7, message_id: 11, other_user_id: MENTEE } },
    ]);
    expect(notificationsFor({ ...event, payload: { ...event.payload, recipientId: MENTEE } })).toEqual([]);
    expect(notificationsFor({ ...event, payload: {} })).toEqual([]);
  });
});
