import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, findLiveUserById, isBlockedEitherWay } from '@app/accounts';
import { type AppConfig, ApiError, eventMeta, formatMessage, InjectConfig, Messages, UnitOfWork } from '@app/platform';
import { isInAcceptedRelation, relationFacts } from '../domain/active-mentorships';
import { MentorshipRelation } from '../domain/mentorship-relation.entity';
import { isOverOpenRequestCap } from '../domain/pending-requests.rules';
import { asUserId, sendRequestError } from '../domain/relation.rules';
import { RelationState } from '../domain/relation-state';
import { RelationRequested } from '../events/relation-requested.event';
import { SendRequestCommand } from './send-request.command';

const REQUIRED_FIELDS: Array<[string, string]> = [
  ['mentor_id', Messages.MENTOR_ID_FIELD_IS_MISSING],
  ['mentee_id', Messages.MENTEE_ID_FIELD_IS_MISSING],
  ['end_date', Messages.END_DATE_FIELD_IS_MISSING],
  ['notes', Messages.NOTES_FIELD_IS_MISSING],
];

/**
 * The advisory-lock key space of "requests sent by one user" (the cap on open requests): the first
 * key of the pair. The pair lock below, pg_advisory_xact_lock(mentor id, mentee id), only ever uses
 * positive ids, so a negative first key can never take the same lock.
 */
const OPEN_REQUESTS_LOCK_SPACE = -866;

@CommandHandler(SendRequestCommand)
export class SendRequestHandler implements ICommandHandler<SendRequestCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async execute({ body, call }: SendRequestCommand): Promise<void> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, Messages.BAD_REQUEST);
    const data = body as Record<string, unknown>;
    for (const [field, message] of REQUIRED_FIELDS) if (!(field in data)) throw new ApiError(400, message);
    const callerId = call.actorId!;
    const checked = sendRequestError(
      { mentorId: data.mentor_id, menteeId: data.mentee_id, endDate: data.end_date, notes: data.notes },
      callerId,
      epochSeconds(),
    );
    if ('error' in checked) throw new ApiError(400, checked.error);
    const { endDate, notes } = checked.request;

    await this.uow.run(async (tx) => {
      const { em } = tx;
      const mentorId = asUserId(checked.request.mentorId);
      const mentor = mentorId === null ? null : await findLiveUserById(em, mentorId);
      if (!mentor) throw new ApiError(404, Messages.MENTOR_DOES_NOT_EXIST);
      if (!mentor.availableToMentor) throw new ApiError(400, Messages.MENTOR_NOT_AVAILABLE_TO_MENTOR);
      const menteeId = asUserId(checked.request.menteeId);
      const mentee = menteeId === null ? null : await findLiveUserById(em, menteeId);
      if (!mentee) throw new ApiError(404, Messages.MENTEE_DOES_NOT_EXIST);
      if (!mentee.needMentoring) throw new ApiError(400, Messages.MENTEE_NOT_AVAIL_TO_BE_MENTORED);
      if (await isInAcceptedRelation(em, mentor.id)) throw new ApiError(400, Messages.MENTOR_ALREADY_IN_A_RELATION);
      if (await isInAcceptedRelation(em, mentee.id)) throw new ApiError(400, Messages.MENTEE_ALREADY_IN_A_RELATION);

      // Requests between one pair take turns, so two identical ones sent at once cannot both land (#866).
      await em.execute('select pg_advisory_xact_lock(?, ?)', [mentor.id, mentee.id]);
      const now = epochSeconds();
      const pending = await em.count(MentorshipRelation, {
        mentorId: mentor.id,
        menteeId: mentee.id,
        state: RelationState.PENDING,
        endDate: { $gt: now },
      });
      if (pending) throw new ApiError(409, Messages.MENTORSHIP_REQUEST_ALREADY_PENDING);

      // Beyond the reference: at most MAX_OPEN_REQUESTS sent and waiting at once. One sender's
      // requests take turns (whoever they go to), so concurrent sends cannot pass the cap together.
      await em.execute('select pg_advisory_xact_lock(?, ?)', [OPEN_REQUESTS_LOCK_SPACE, callerId]);
      const open = await em.count(MentorshipRelation, {
        actionUserId: callerId,
        state: RelationState.PENDING,
        endDate: { $gt: now },
      });
      const max = this.config.maxOpenRequests;
      if (isOverOpenRequestCap(open, max)) {
        throw new ApiError(409, formatMessage(Messages.TOO_MANY_OPEN_REQUESTS, { max }));
      }
      // Beyond the reference: not between a blocked pair, either way (after all the reference's checks).
      if (await isBlockedEitherWay(em, mentor.id, mentee.id)) {
        throw new ApiError(403, Messages.CANNOT_REQUEST_BLOCKED_USER);
      }

      const relation = em.create(MentorshipRelation, {
        mentorId: mentor.id,
        menteeId: mentee.id,
        actionUserId: callerId,
        creationDate: now,
        endDate,
        state: RelationState.PENDING,
        notes,
      });
      await em.flush();
      tx.record(new RelationRequested({ ...relationFacts(relation), notes }, eventMeta(call)));
    });
  }
}
