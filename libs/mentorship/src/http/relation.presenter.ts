import type { DashboardTaskView } from '../domain/relation-task-lists';
import { presentProposal, type ProposalRecord } from './proposal.presenter';
import type { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { RelationState } from '../domain/relation-state';

/** What the presenters show of a relation (an entity, or a row of a read). */
export type RelationRecord = Pick<
  MentorshipRelation,
  | 'id'
  | 'actionUserId'
  | 'mentorId'
  | 'menteeId'
  | 'creationDate'
  | 'acceptDate'
  | 'startDate'
  | 'endDate'
  | 'state'
  | 'notes'
> & {
  /** Set when the pending-requests job closed the request unanswered. */
  expiredAt?: number | null;
  /** The relation's open proposal, if any. */
  openProposal?: ProposalRecord | null;
};

/**
 * Beyond the reference, keys that appear only when they carry something, so a relation that never
 * met the new flows has exactly the reference's shape: `expired: true` on a request the job closed,
 * `open_proposal` while a proposal waits for an answer.
 */
function lifeKeys(relation: RelationRecord, callerId: number) {
  return {
    ...(relation.expiredAt ? { expired: true as const } : {}),
    ...(relation.openProposal ? { open_proposal: presentProposal(relation.openProposal, callerId) } : {}),
  };
}

/** What the presenters show of a party. */
export interface PartySummary {
  name?: string | null;
  photoUrl?: string | null;
}

/** The reference's mentorship_request_response_body. */
export function presentRelation(relation: RelationRecord, callerId: number, parties: Map<number, PartySummary>) {
  return {
    id: relation.id,
    action_user_id: relation.actionUserId,
    sent_by_me: relation.actionUserId === callerId,
    mentor: { id: relation.mentorId, name: parties.get(relation.mentorId)?.name ?? null },
    mentee: { id: relation.menteeId, name: parties.get(relation.menteeId)?.name ?? null },
    creation_date: relation.creationDate,
    accept_date: relation.acceptDate,
    start_date: relation.startDate,
    end_date: relation.endDate,
    state: relation.state,
    notes: relation.notes,
    ...lifeKeys(relation, callerId),
  };
}

export type RelationView = ReturnType<typeof presentRelation>;

function dashboardParty(id: number, parties: Map<number, PartySummary>) {
  const user = parties.get(id);
  return { id, user_name: user?.name ?? null, photo_url: user?.photoUrl ?? null };
}

/** A relation as the dashboard shows it. */
export function presentDashboardRelation(
  relation: RelationRecord,
  parties: Map<number, PartySummary>,
  callerId: number,
) {
  return {
    id: relation.id,
    action_user_id: relation.actionUserId,
    mentor: dashboardParty(relation.mentorId, parties),
    mentee: dashboardParty(relation.menteeId, parties),
    creation_date: relation.creationDate,
    accept_date: relation.acceptDate,
    start_date: relation.startDate,
    end_date: relation.endDate,
    state: relation.state,
    notes: relation.notes,
    ...lifeKeys(relation, callerId),
  };
}

type DashboardRelationView = ReturnType<typeof presentDashboardRelation>;
type StateGroups = Record<'accepted' | 'rejected' | 'completed' | 'cancelled' | 'pending', DashboardRelationView[]>;

export interface DashboardView {
  as_mentor: { sent: StateGroups; received: StateGroups };
  as_mentee: { sent: StateGroups; received: StateGroups };
  tasks_todo?: DashboardTaskView[];
  tasks_done?: DashboardTaskView[];
}

const GROUP_OF_STATE: Record<RelationState, keyof StateGroups> = {
  [RelationState.PENDING]: 'pending',
  [RelationState.ACCEPTED]: 'accepted',
  [RelationState.REJECTED]: 'rejected',
  [RelationState.CANCELLED]: 'cancelled',
  [RelationState.COMPLETED]: 'completed',
};

const emptyGroups = (): StateGroups => ({ accepted: [], rejected: [], completed: [], cancelled: [], pending: [] });

/** The reference's dashboard: by role, then sent or received, then state. */
export function groupDashboard(
  relations: RelationRecord[],
  userId: number,
  parties: Map<number, PartySummary>,
): Pick<DashboardView, 'as_mentor' | 'as_mentee'> {
  const view = {
    as_mentor: { sent: emptyGroups(), received: emptyGroups() },
    as_mentee: { sent: emptyGroups(), received: emptyGroups() },
  };
  for (const relation of relations) {
    const role = relation.mentorId === userId ? view.as_mentor : view.as_mentee;
    const direction = relation.actionUserId === userId ? role.sent : role.received;
    direction[GROUP_OF_STATE[relation.state]].push(presentDashboardRelation(relation, parties, userId));
  }
  return view;
}
