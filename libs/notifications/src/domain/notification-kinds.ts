/**
 * Which domain events become in-app notifications, for whom, and what they say. Pure: the event's
 * type, payload and actor in, the rows to write out. Events are matched by their type string (not
 * their class), so an event of a lib this one does not import (chat) maps the same way.
 *
 * `data` holds ids and facts (relation_id, other_user_id, proposal_kind, rating, task_id...), never a
 * name or an email: a client resolves names through the users endpoints, and a deleted account's
 * personal data never lingers in someone else's feed.
 */

export type NotificationKind =
  | 'password_changed'
  | 'admin_granted'
  | 'relation_requested'
  | 'relation_request_reminded'
  | 'relation_request_withdrawn'
  | 'relation_accepted'
  | 'relation_rejected'
  | 'relation_request_expired'
  | 'relation_cancelled'
  | 'relation_completed'
  | 'proposal_made'
  | 'proposal_accepted'
  | 'proposal_declined'
  | 'proposal_withdrawn'
  | 'feedback_left'
  | 'task_created'
  | 'task_updated'
  | 'task_completed'
  | 'task_reopened'
  | 'task_deleted'
  | 'task_commented'
  | 'chat_message';

export interface NotificationDraft {
  userId: number;
  kind: NotificationKind;
  data: Record<string, unknown>;
}

/** What the mapping reads of an event (a DomainEvent fits). */
export interface EventLike {
  eventType: string;
  payload: object;
  meta: { actorId?: number | null };
}

type Payload = Record<string, unknown>;

const int = (value: unknown): number | null =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : null;

/** The party of a mentor/mentee pair that is not `userId` (null when `userId` is neither). */
function otherParty(payload: Payload, userId: number | null): number | null {
  const mentorId = int(payload.mentorId);
  const menteeId = int(payload.menteeId);
  if (userId === null) return null;
  if (userId === mentorId) return menteeId;
  if (userId === menteeId) return mentorId;
  return null;
}

function to(userId: number | null, kind: NotificationKind, data: Record<string, unknown>): NotificationDraft[] {
  return userId === null ? [] : [{ userId, kind, data }];
}

/** Relation events: the sender is `actionUserId`, the receiver the other party. */
function relation(kind: NotificationKind, payload: Payload, actorId: number | null): NotificationDraft[] {
  const sender = int(payload.actionUserId);
  const receiver = otherParty(payload, sender);
  const relationId = int(payload.relationId);
  const mentorId = int(payload.mentorId);
  const menteeId = int(payload.menteeId);
  const base = { relation_id: relationId };
  switch (kind) {
    case 'relation_requested':
      return to(receiver, kind, {
        ...base,
        other_user_id: sender,
        sender_role: sender === mentorId ? 'mentor' : 'mentee',
        end_date: payload.endDate ?? null,
      });
    case 'relation_request_reminded':
      return to(receiver, kind, { ...base, other_user_id: sender });
    case 'relation_accepted':
      return to(sender, kind, { ...base, other_user_id: receiver, end_date: payload.endDate ?? null });
    case 'relation_rejected':
    case 'relation_request_expired':
      return to(sender, kind, { ...base, other_user_id: receiver });
    case 'relation_request_withdrawn': {
      if (payload.reason === 'blocked') {
        // Withdrawn by a block (the actor is the blocker): the receiver hears of it as of any withdrawal
        // when the blocker had sent it; a request the blocked member had sent just disappears.
        if (actorId !== sender) return [];
        return to(receiver, kind, { ...base, other_user_id: sender, reason: 'deleted_by_sender' });
      }
      // Withdrawn by its sender, or dropped because an account was deleted: the party who did not act.
      const recipient = otherParty(payload, actorId) ?? receiver;
      return to(recipient, kind, {
        ...base,
        other_user_id: otherParty(payload, recipient),
        reason: payload.reason ?? null,
      });
    }
    case 'relation_cancelled': {
      // The party who did not cancel; both when nobody in the relation did.
      const recipients = otherParty(payload, actorId) !== null ? [otherParty(payload, actorId)!] : [mentorId, menteeId];
      return recipients.flatMap((userId) =>
        to(userId, kind, { ...base, other_user_id: otherParty(payload, userId), reason: payload.reason ?? null }),
      );
    }
    case 'relation_completed':
      return [mentorId, menteeId].flatMap((userId) =>
        to(userId, kind, { ...base, other_user_id: otherParty(payload, userId), reason: payload.reason ?? 'end_date' }),
      );
    default:
      return [];
  }
}

/** Proposal events: whoever did not act (the other party of a new or withdrawn one, the proposer of an answered one). */
function proposal(kind: NotificationKind, payload: Payload): NotificationDraft[] {
  const proposer = int(payload.proposerId);
  const other = otherParty(payload, proposer);
  const toProposer = kind === 'proposal_accepted' || kind === 'proposal_declined';
  const recipient = toProposer ? proposer : other;
  return to(recipient, kind, {
    relation_id: int(payload.relationId),
    proposal_id: int(payload.proposalId),
    proposal_kind: payload.kind ?? null,
    end_date: payload.endDate ?? null,
    other_user_id: toProposer ? other : proposer,
  });
}

/** Task events: the party who did not act (none when the actor is not a party). */
function task(kind: NotificationKind, payload: Payload, actorId: number | null): NotificationDraft[] {
  return to(otherParty(payload, actorId), kind, {
    relation_id: int(payload.relationId),
    task_id: int(payload.taskNumber),
    description: typeof payload.description === 'string' ? payload.description : null,
    ...(kind === 'task_commented' ? { comment_id: int(payload.commentId) } : {}),
    other_user_id: actorId,
  });
}

const RELATION_EVENTS: Record<string, NotificationKind> = {
  'mentorship.relation_requested': 'relation_requested',
  'mentorship.relation_request_reminded': 'relation_request_reminded',
  'mentorship.relation_request_withdrawn': 'relation_request_withdrawn',
  'mentorship.relation_accepted': 'relation_accepted',
  'mentorship.relation_rejected': 'relation_rejected',
  'mentorship.relation_request_expired': 'relation_request_expired',
  'mentorship.relation_cancelled': 'relation_cancelled',
  'mentorship.relation_completed': 'relation_completed',
};

const PROPOSAL_EVENTS: Record<string, NotificationKind> = {
  'mentorship.proposal_made': 'proposal_made',
  'mentorship.proposal_accepted': 'proposal_accepted',
  'mentorship.proposal_declined': 'proposal_declined',
  'mentorship.proposal_withdrawn': 'proposal_withdrawn',
};

const TASK_EVENTS: Record<string, NotificationKind> = {
  'tasks.task_created': 'task_created',
  'tasks.task_updated': 'task_updated',
  'tasks.task_completed': 'task_completed',
  'tasks.task_reopened': 'task_reopened',
  'tasks.task_deleted': 'task_deleted',
  'tasks.task_commented': 'task_commented',
};

/** The event types that may notify someone (for documentation and tests). */
export const NOTIFYING_EVENT_TYPES: readonly string[] = [
  'accounts.password_changed',
  'accounts.admin_granted',
  ...Object.keys(RELATION_EVENTS),
  ...Object.keys(PROPOSAL_EVENTS),
  'mentorship.feedback_left',
  ...Object.keys(TASK_EVENTS),
  'chat.message_posted',
];

/**
 * The notifications an event becomes: one per recipient, never to the member who acted, at most one
 * per recipient. Events that concern nobody (a login, a lapsed proposal, an edit) map to none.
 */
export function notificationsFor(event: EventLike): NotificationDraft[] {
  const payload = event.payload as Payload;
  const actorId = int(event.meta.actorId);
  let drafts: NotificationDraft[];
  if (event.eventType in RELATION_EVENTS) {
    drafts = relation(RELATION_EVENTS[event.eventType], payload, actorId);
  } else if (event.eventType in PROPOSAL_EVENTS) {
    drafts = proposal(PROPOSAL_EVENTS[event.eventType], payload);
  } else if (event.eventType in TASK_EVENTS) {
    drafts = task(TASK_EVENTS[event.eventType], payload, actorId);
  } else {
    switch (event.eventType) {
      case 'accounts.password_changed':
        drafts = to(int(payload.userId), 'password_changed', { via: payload.via ?? null });
        break;
      case 'accounts.admin_granted':
        drafts = to(int(payload.userId), 'admin_granted', { granted_by: actorId });
        break;
      case 'mentorship.feedback_left':
        drafts = to(int(payload.subjectId), 'feedback_left', {
          relation_id: int(payload.relationId),
          feedback_id: int(payload.feedbackId),
          rating: int(payload.rating),
          subject_role: payload.subjectRole ?? null,
          other_user_id: int(payload.authorId),
        });
        break;
      case 'chat.message_posted':
        drafts = to(int(payload.recipientId), 'chat_message', {
          relation_id: int(payload.relationId),
          message_id: typeof payload.messageId === 'string' ? payload.messageId : int(payload.messageId),
          other_user_id: int(payload.authorId),
        });
        break;
      default:
        drafts = [];
    }
  }
  // A password change or an admin grant is news to its subject even when they did it themselves,
  // and a completed relation is news to both parties, also to the one whose consent completed it.
  const selfNews = event.eventType.startsWith('accounts.') || event.eventType === 'mentorship.relation_completed';
  const seen = new Set<number>();
  return drafts.filter((draft) => {
    if (seen.has(draft.userId) || (!selfNews && draft.userId === actorId)) return false;
    seen.add(draft.userId);
    return true;
  });
}
