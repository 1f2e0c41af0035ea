/**
 * Early completion and a new end date, by consent of both parties (beyond the reference; android
 * #543): either party of an ACCEPTED relation proposes, only the other party accepts or declines,
 * the proposer may withdraw, one open proposal per relation, and it lapses when the relation ends.
 * Over real HTTP, on PostgreSQL and on the embedded database, with the emails read from an SMTP sink.
 */
import { CompleteDueRelationsJob } from '@app/mentorship';
import { deleteOwnAccount } from '../support/accounts';
import { eventually } from '../support/app';
import { DASHBOARD_ITEM_KEYS, RELATION_KEYS } from '../mentorship/support';
import {
  BACKENDS,
  call,
  countMails,
  createAccepted,
  createMembers,
  createRequest,
  DAY,
  HOUR,
  expectMessage,
  type Member,
  nowSeconds,
  relationRow,
  sleep,
  startWorld,
  STATE,
  statusAndBody,
  WEEK,
  type World,
} from './support';

const MSG = {
  relationNotFound: 'Mentorship relation does not exist.',
  proposalNotFound: 'Proposal does not exist.',
  needAccepted: 'Only an accepted mentorship relation can take proposals.',
  alreadyOpen: 'This mentorship relation already has an open proposal.',
  notOpen: 'This proposal is no longer open.',
  cannotAcceptOwn: 'You cannot accept your own proposal; the other party must.',
  cannotDeclineOwn: 'You cannot decline your own proposal; withdraw it instead.',
  onlyProposerWithdraws: 'Only the party who made a proposal can withdraw it.',
  kindInvalid: 'kind must be one of: complete, change_end_date.',
  endDateRequired: 'end_date is required when kind is change_end_date.',
  endDateNotAllowed: 'end_date is only allowed when kind is change_end_date.',
  endDateInvalid: 'end_date must be a timestamp in seconds.',
  outOfBounds: 'end_date must be between 4 and 24 weeks from now.',
  unchanged: 'end_date must differ from the current end date of the relation.',
  endDatePassed: 'The proposed end date has already passed.',
  notInRelation: 'You are not in a current mentorship relation.',
  urlNotFound:
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
};

const SUBJECT = {
  made: 'Mentorship System - A proposal for your mentorship relation',
  accepted: 'Mentorship System - Your proposal was accepted',
  declined: 'Mentorship System - Your proposal was declined',
  withdrawn: 'Mentorship System - A proposal was withdrawn',
  completed: 'Mentorship System - Your mentorship relation is complete',
  cancelled: 'Mentorship System - Your mentorship relation was cancelled',
};

const EARLY_TEXT = 'was completed early, as you both agreed. Congratulations!';
const END_DATE_TEXT = 'has reached its end date and is now complete. Congratulations!';

const PROPOSAL_KEYS = [
  'id',
  'relation_id',
  'kind',
  'end_date',
  'proposed_by',
  'proposed_by_me',
  'state',
  'created_at',
  'decided_at',
].sort();

/** dd-mm-YYYY of epoch seconds, in UTC. */
function ddmmyyyy(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

/** Lets the outbox relay deliver whatever else it would, before counting. */
const settle = () => sleep(1_500);

type ProposalJson = {
  id: number;
  relation_id: number;
  kind: string;
  end_date: number | null;
  proposed_by: number;
  proposed_by_me: boolean;
  state: string;
  created_at: number;
  decided_at: number | null;
};

describe.each(BACKENDS)('proposals to complete early or move the end date, on %s', (backend) => {
  let world: World;

  beforeAll(async () => {
    world = await startWorld(backend);
    await createMembers(world, 1); // the admin, in no relation
  }, 120_000);

  afterAll(async () => {
    await world?.close();
  });

  const proposalsUrl = (relationId: number) => `/mentorship_relation/${relationId}/proposals`;
  const propose = (user: Member, relationId: number, body: unknown) =>
    call(world, user, 'POST', proposalsUrl(relationId), body);
  const answer = (user: Member, relationId: number, proposalId: number, action: 'accept' | 'decline') =>
    call(world, user, 'PUT', `${proposalsUrl(relationId)}/${proposalId}/${action}`);
  const withdraw = (user: Member, relationId: number, proposalId: number) =>
    call(world, user, 'DELETE', `${proposalsUrl(relationId)}/${proposalId}`);
  const listProposals = async (user: Member, relationId: number): Promise<ProposalJson[]> => {
    const response = await call(world, user, 'GET', proposalsUrl(relationId));
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const current = (user: Member) => call(world, user, 'GET', '/mentorship_relations/current');

  /** Two fresh members in an ACCEPTED relation (the mentee sent the request, the mentor accepted). */
  async function accepted(): Promise<{ mentor: Member; mentee: Member; id: number; endDate: number }> {
    const [mentor, mentee] = await createMembers(world, 2);
    const id = await createAccepted(world, mentor, mentee);
    return { mentor, mentee, id, endDate: (await relationRow(world, id)).end_date };
  }

  /** Makes a proposal and returns its JSON; fails unless 201. */
  async function made(user: Member, relationId: number, body: object): Promise<ProposalJson> {
    const response = await propose(user, relationId, body);
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  describe('making a proposal', () => {
    it('the mentee proposes to complete now: 201, the open proposal; the mentor sees it as not theirs', async () => {
      const { mentor, mentee, id } = await accepted();
      const before = nowSeconds();
      const response = await propose(mentee, id, { kind: 'complete' });
      expect(response.statusCode).toBe(201);
      const proposal = response.json<ProposalJson>();
      expect(Object.keys(proposal).sort()).toEqual(PROPOSAL_KEYS);
      expect(proposal).toEqual({
        id: expect.any(Number),
        relation_id: id,
        kind: 'complete',
        end_date: null,
        proposed_by: mentee.id,
        proposed_by_me: true,
        state: 'open',
        created_at: expect.any(Number),
        decided_at: null,
      });
      expect(proposal.created_at).toBeGreaterThanOrEqual(before - 1);
      expect(proposal.created_at).toBeLessThanOrEqual(nowSeconds() + 1);
      expect(await listProposals(mentor, id)).toEqual([{ ...proposal, proposed_by_me: false }]);
      expect(await listProposals(mentee, id)).toEqual([proposal]);
    });

    it('the mentor proposes a new end date: 201 with it; the relation keeps its end date until accepted', async () => {
      const { mentor, mentee, id, endDate } = await accepted();
      const newEnd = nowSeconds() + 12 * WEEK + 0.25;
      const proposal = await made(mentor, id, { kind: 'change_end_date', end_date: newEnd });
      expect(proposal).toMatchObject({
        relation_id: id,
        kind: 'change_end_date',
        end_date: newEnd,
        proposed_by: mentor.id,
        proposed_by_me: true,
        state: 'open',
        decided_at: null,
      });
      expect((await relationRow(world, id)).end_date).toBe(endDate);
      expect((await current(mentee)).json().end_date).toBe(endDate);
    });

    it('also the mentor proposes to complete, and the mentee a new end date (after the first was withdrawn)', async () => {
      const { mentor, mentee, id } = await accepted();
      const first = await made(mentor, id, { kind: 'complete' });
      expect(first.proposed_by).toBe(mentor.id);
      expect(statusAndBody(await withdraw(mentor, id, first.id)).status).toBe(200);
      const second = await made(mentee, id, { kind: 'change_end_date', end_date: nowSeconds() + 5 * WEEK });
      expect(second).toMatchObject({ kind: 'change_end_date', proposed_by: mentee.id, state: 'open' });
      expect((await listProposals(mentor, id)).map((p) => [p.id, p.state])).toEqual([
        [second.id, 'open'],
        [first.id, 'withdrawn'],
      ]);
    });

    it('one open proposal per relation: a second one, by either party and of either kind, is 409', async () => {
      const { mentor, mentee, id } = await accepted();
      const open = await made(mentee, id, { kind: 'complete' });
      expectMessage(await propose(mentee, id, { kind: 'complete' }), 409, MSG.alreadyOpen);
      expectMessage(await propose(mentor, id, { kind: 'complete' }), 409, MSG.alreadyOpen);
      expectMessage(
        await propose(mentor, id, { kind: 'change_end_date', end_date: nowSeconds() + 10 * WEEK }),
        409,
        MSG.alreadyOpen,
      );
      expect(await listProposals(mentee, id)).toEqual([open]);
    });

    it('proposals sent at the same time: exactly one is made, the others are 409 (never a 500)', async () => {
      const { mentor, mentee, id } = await accepted();
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          propose(
            i % 2 ? mentor : mentee,
            id,
            i % 3 ? { kind: 'complete' } : { kind: 'change_end_date', end_date: nowSeconds() + (6 + i) * WEEK },
          ),
        ),
      );
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
      for (const response of responses.filter((r) => r.statusCode === 409)) {
        expect(response.json()).toEqual({ message: MSG.alreadyOpen });
      }
      const rows = await world.sql<{ n: number | string }>(
        `select count(*) as "n" from "relation_proposals" where "relation_id" = ?`,
        [id],
      );
      expect(Number(rows[0].n)).toBe(1);
    });

    if (backend === 'postgresql') {
      it('two processes on one database, proposals at the same time: one 201, the other 409', async () => {
        const replica = await world.startReplica();
        for (let round = 0; round < 3; round++) {
          const { mentor, mentee, id } = await accepted();
          const [a, b] = await Promise.all([
            call(world, mentee, 'POST', proposalsUrl(id), { kind: 'complete' }),
            call(replica, mentor, 'POST', proposalsUrl(id), { kind: 'complete' }),
          ]);
          expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
          expect([a, b].find((r) => r.statusCode === 409)!.json()).toEqual({ message: MSG.alreadyOpen });
          expect((await listProposals(mentor, id)).filter((p) => p.state === 'open')).toHaveLength(1);
        }
      });

      it('the database itself refuses a second open proposal (the partial unique index behind the 409)', async () => {
        const { mentee, id } = await accepted();
        const open = await made(mentee, id, { kind: 'complete' });
        await expect(
          world.sql(
            `insert into "relation_proposals" ("relation_id", "proposer_id", "kind", "state", "created_at") values (?, ?, 'complete', 'open', ?)`,
            [id, mentee.id, nowSeconds()],
          ),
        ).rejects.toThrow(/relation_proposals_one_open_idx/);
        expect(await listProposals(mentee, id)).toEqual([open]);
      });
    }

    it('the other party (not the proposer) gets "A proposal for your mentorship relation", once', async () => {
      const { mentor, mentee, id } = await accepted();
      const newEnd = nowSeconds() + 10 * WEEK + 2 * DAY;
      await made(mentee, id, { kind: 'change_end_date', end_date: newEnd });
      const mail = await world.sink.waitFor(mentor.email, SUBJECT.made);
      expect(mail.text).toContain(`Hi ${mentor.name},`);
      expect(mail.text).toContain(
        `${mentee.name} proposes to move the end date of your mentorship relation to ${ddmmyyyy(newEnd)}.`,
      );
      expect(mail.text).toContain('Login to Mentorship System to accept or decline the proposal.');
      await settle();
      expect(countMails(world.sink, mentor.email, SUBJECT.made)).toBe(1);
      expect(countMails(world.sink, mentee.email, SUBJECT.made)).toBe(0);

      const other = await accepted();
      await made(other.mentor, other.id, { kind: 'complete' });
      const completeMail = await world.sink.waitFor(other.mentee.email, SUBJECT.made);
      expect(completeMail.text).toContain(`${other.mentor.name} proposes to complete your mentorship relation now.`);
      await settle();
      expect(countMails(world.sink, other.mentee.email, SUBJECT.made)).toBe(1);
      expect(countMails(world.sink, other.mentor.email, SUBJECT.made)).toBe(0);
    });
  });

  describe('consent of the other party', () => {
    it('the proposer cannot accept or decline their own proposal (403); it stays open', async () => {
      const { mentor, mentee, id } = await accepted();
      const proposal = await made(mentee, id, { kind: 'complete' });
      expectMessage(await answer(mentee, id, proposal.id, 'accept'), 403, MSG.cannotAcceptOwn);
      expectMessage(await answer(mentee, id, proposal.id, 'decline'), 403, MSG.cannotDeclineOwn);
      expect(await listProposals(mentee, id)).toEqual([proposal]);
      expect((await relationRow(world, id)).state).toBe(STATE.ACCEPTED);
      expect((await current(mentor)).json().state).toBe(STATE.ACCEPTED);
    });

    it('the other party accepts a completion: the relation is COMPLETED at once, both are freed and emailed once', async () => {
      const { mentor, mentee, id } = await accepted();
      const proposal = await made(mentee, id, { kind: 'complete' });
      const before = nowSeconds();
      const response = await answer(mentor, id, proposal.id, 'accept');
      expect(response.statusCode).toBe(200);
      const body = response.json<ProposalJson>();
      expect(body).toEqual({ ...proposal, proposed_by_me: false, state: 'accepted', decided_at: expect.any(Number) });
      expect(body.decided_at!).toBeGreaterThanOrEqual(before - 1);

      for (const party of [mentor, mentee]) {
        const completed = await call(world, party, 'GET', '/mentorship_relations?relation_state=completed');
        expect(completed.statusCode).toBe(200);
        expect(completed.json().map((r: { id: number; state: number }) => [r.id, r.state])).toEqual([
          [id, STATE.COMPLETED],
        ]);
        expectMessage(await current(party), 200, MSG.notInRelation);
      }
      const row = await relationRow(world, id);
      expect(row.state).toBe(STATE.COMPLETED);
      expect(row.completed_at).toBe(body.decided_at);
      expect(await world.sql(`select * from "active_mentorships" where "relation_id" = ?`, [id])).toEqual([]);
      // Freed: each can be in a new relation at once.
      const [newMentor] = await createMembers(world, 1);
      await createAccepted(world, newMentor, mentee);

      for (const [party, other] of [
        [mentor, mentee],
        [mentee, mentor],
      ]) {
        const mail = await world.sink.waitFor(party.email, SUBJECT.completed);
        expect(mail.text).toContain(`Your mentorship relation with ${other.name} ${EARLY_TEXT}`);
        expect(mail.text).not.toContain('reached its end date');
      }
      await settle();
      expect(countMails(world.sink, mentor.email, SUBJECT.completed)).toBe(1);
      expect(countMails(world.sink, mentee.email, SUBJECT.completed)).toBe(1);
      // A completion has the completion emails only, no "your proposal was accepted".
      expect(countMails(world.sink, mentee.email, SUBJECT.accepted)).toBe(0);
      expect(countMails(world.sink, mentor.email, SUBJECT.accepted)).toBe(0);
      // It is no longer open: nothing more can be done with it, nor can a new one be made.
      expectMessage(await answer(mentor, id, proposal.id, 'accept'), 409, MSG.notOpen);
      expectMessage(await withdraw(mentee, id, proposal.id), 409, MSG.notOpen);
      expectMessage(await propose(mentor, id, { kind: 'complete' }), 409, MSG.needAccepted);
    });

    it('the other party accepts a new end date: the relation takes it, stays ACCEPTED; the proposer is emailed once', async () => {
      const { mentor, mentee, id } = await accepted();
      const newEnd = nowSeconds() + 20 * WEEK + 3 * DAY + 0.5;
      const proposal = await made(mentor, id, { kind: 'change_end_date', end_date: newEnd });
      const response = await answer(mentee, id, proposal.id, 'accept');
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: { ...proposal, proposed_by_me: false, state: 'accepted', decided_at: expect.any(Number) },
      });
      for (const party of [mentor, mentee]) {
        const relation = (await current(party)).json();
        expect(relation).toMatchObject({ id, state: STATE.ACCEPTED, end_date: newEnd });
      }
      expect((await relationRow(world, id)).end_date).toBe(newEnd);

      const mail = await world.sink.waitFor(mentor.email, SUBJECT.accepted);
      expect(mail.text).toContain(`Hi ${mentor.name},`);
      expect(mail.text).toContain(
        `${mentee.name} has accepted your proposal: your mentorship relation now ends on ${ddmmyyyy(newEnd)}.`,
      );
      await settle();
      expect(countMails(world.sink, mentor.email, SUBJECT.accepted)).toBe(1);
      expect(countMails(world.sink, mentee.email, SUBJECT.accepted)).toBe(0);
      expect(countMails(world.sink, mentor.email, SUBJECT.completed)).toBe(0);
      // Another proposal can follow, and the new end date is now "the current one".
      expectMessage(await propose(mentee, id, { kind: 'change_end_date', end_date: newEnd }), 400, MSG.unchanged);
      await made(mentee, id, { kind: 'change_end_date', end_date: nowSeconds() + 6 * WEEK });
    });

    it('a proposed end date that has passed by the time of the answer cannot be accepted (409); it stays open', async () => {
      const { mentor, mentee, id, endDate } = await accepted();
      const proposal = await made(mentee, id, { kind: 'change_end_date', end_date: nowSeconds() + 6 * WEEK });
      const past = nowSeconds() - HOUR;
      await world.sql(`update "relation_proposals" set "end_date" = ? where "id" = ?`, [past, proposal.id]);
      expectMessage(await answer(mentor, id, proposal.id, 'accept'), 409, MSG.endDatePassed);
      expect(await listProposals(mentor, id)).toEqual([{ ...proposal, end_date: past, proposed_by_me: false }]);
      expect((await relationRow(world, id)).end_date).toBe(endDate);
      // The other party can still decline it.
      expect((await answer(mentor, id, proposal.id, 'decline')).json().state).toBe('declined');
    });

    it('the other party declines: the relation stays as it was; the proposer is emailed once', async () => {
      const { mentor, mentee, id, endDate } = await accepted();
      const proposal = await made(mentee, id, { kind: 'complete' });
      const response = await answer(mentor, id, proposal.id, 'decline');
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: { ...proposal, proposed_by_me: false, state: 'declined', decided_at: expect.any(Number) },
      });
      expect(await relationRow(world, id)).toMatchObject({
        state: STATE.ACCEPTED,
        end_date: endDate,
        completed_at: null,
      });
      expect((await current(mentee)).json()).toMatchObject({ id, state: STATE.ACCEPTED });

      const mail = await world.sink.waitFor(mentee.email, SUBJECT.declined);
      expect(mail.text).toContain(
        `${mentor.name} has declined your proposal to complete your mentorship relation now.`,
      );
      await settle();
      expect(countMails(world.sink, mentee.email, SUBJECT.declined)).toBe(1);
      expect(countMails(world.sink, mentor.email, SUBJECT.declined)).toBe(0);
      expect(countMails(world.sink, mentee.email, SUBJECT.completed)).toBe(0);
      // Decided: no second answer.
      expectMessage(await answer(mentor, id, proposal.id, 'accept'), 409, MSG.notOpen);
      expectMessage(await answer(mentor, id, proposal.id, 'decline'), 409, MSG.notOpen);
      expectMessage(await withdraw(mentee, id, proposal.id), 409, MSG.notOpen);
      // But the proposer's own-proposal rule still comes first.
      expectMessage(await answer(mentee, id, proposal.id, 'accept'), 403, MSG.cannotAcceptOwn);
      // A new proposal can be made.
      await made(mentor, id, { kind: 'complete' });
    });

    it('only the proposer withdraws (403 for the other party); then the other party is emailed and a new one can be made', async () => {
      const { mentor, mentee, id } = await accepted();
      const newEnd = nowSeconds() + 9 * WEEK;
      const proposal = await made(mentor, id, { kind: 'change_end_date', end_date: newEnd });
      expectMessage(await withdraw(mentee, id, proposal.id), 403, MSG.onlyProposerWithdraws);
      expect(await listProposals(mentor, id)).toEqual([proposal]);

      const response = await withdraw(mentor, id, proposal.id);
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: { ...proposal, state: 'withdrawn', decided_at: expect.any(Number) },
      });
      expectMessage(await answer(mentee, id, proposal.id, 'accept'), 409, MSG.notOpen);
      expectMessage(await withdraw(mentor, id, proposal.id), 409, MSG.notOpen);

      const mail = await world.sink.waitFor(mentee.email, SUBJECT.withdrawn);
      expect(mail.text).toContain(
        `${mentor.name} has withdrawn the proposal to move the end date of your mentorship relation to ${ddmmyyyy(newEnd)}.`,
      );
      await settle();
      expect(countMails(world.sink, mentee.email, SUBJECT.withdrawn)).toBe(1);
      expect(countMails(world.sink, mentor.email, SUBJECT.withdrawn)).toBe(0);

      const next = await made(mentee, id, { kind: 'complete' });
      expect((await listProposals(mentee, id)).map((p) => [p.id, p.state])).toEqual([
        [next.id, 'open'],
        [proposal.id, 'withdrawn'],
      ]);
    });
  });

  describe('who may see and touch proposals', () => {
    it('an outsider gets 404 "Mentorship relation does not exist." on every route, as for a missing relation', async () => {
      const { mentee, id } = await accepted();
      const proposal = await made(mentee, id, { kind: 'complete' });
      const [outsider] = await createMembers(world, 1);
      for (const relationId of [id, 2_000_000_000, 99_999_999_999]) {
        expectMessage(await propose(outsider, relationId, { kind: 'complete' }), 404, MSG.relationNotFound);
        expectMessage(await call(world, outsider, 'GET', proposalsUrl(relationId)), 404, MSG.relationNotFound);
        expectMessage(await answer(outsider, relationId, proposal.id, 'accept'), 404, MSG.relationNotFound);
        expectMessage(await answer(outsider, relationId, proposal.id, 'decline'), 404, MSG.relationNotFound);
        expectMessage(await withdraw(outsider, relationId, proposal.id), 404, MSG.relationNotFound);
      }
      expect(await listProposals(mentee, id)).toEqual([proposal]);
    });

    it('a proposal that does not exist, or belongs to another relation, is 404 "Proposal does not exist."', async () => {
      const a = await accepted();
      const b = await accepted();
      const ofB = await made(b.mentee, b.id, { kind: 'complete' });
      for (const proposalId of [ofB.id, 2_000_000_000, 99_999_999_999]) {
        expectMessage(await answer(a.mentor, a.id, proposalId, 'accept'), 404, MSG.proposalNotFound);
        expectMessage(await answer(a.mentor, a.id, proposalId, 'decline'), 404, MSG.proposalNotFound);
        expectMessage(await withdraw(a.mentee, a.id, proposalId), 404, MSG.proposalNotFound);
      }
      expect(await listProposals(b.mentor, b.id)).toEqual([{ ...ofB, proposed_by_me: false }]);
    });

    it('ids that are not plain digits are the routing 404', async () => {
      const { mentee, id } = await accepted();
      expectMessage(await call(world, mentee, 'GET', '/mentorship_relation/-1/proposals'), 404, MSG.urlNotFound);
      expectMessage(await call(world, mentee, 'PUT', `${proposalsUrl(id)}/1.5/accept`), 404, MSG.urlNotFound);
      expectMessage(await call(world, mentee, 'DELETE', `${proposalsUrl(id)}/abc`), 404, MSG.urlNotFound);
    });

    it('without a token: 401', async () => {
      const response = await call(world, null, 'GET', proposalsUrl(1));
      expect(response.statusCode).toBe(401);
      expect(Object.keys(response.json())).toEqual(['message']);
    });
  });

  describe('only an ACCEPTED relation takes proposals', () => {
    it('PENDING, REJECTED, CANCELLED and COMPLETED relations: 409 on make, for either party; their lists are []', async () => {
      const [p1, p2, r1, r2, c1, c2] = await createMembers(world, 6);
      const pending = await createRequest(world, p1, p1, p2);
      const rejected = await createRequest(world, r1, r1, r2);
      expect((await call(world, r2, 'PUT', `/mentorship_relation/${rejected}/reject`)).statusCode).toBe(200);
      const cancelled = await createAccepted(world, c1, c2);
      expect((await call(world, c2, 'PUT', `/mentorship_relation/${cancelled}/cancel`)).statusCode).toBe(200);
      const done = await accepted();
      const completion = await made(done.mentor, done.id, { kind: 'complete' });
      expect((await answer(done.mentee, done.id, completion.id, 'accept')).statusCode).toBe(200);

      for (const [relationId, parties] of [
        [pending, [p1, p2]],
        [rejected, [r1, r2]],
        [cancelled, [c1, c2]],
        [done.id, [done.mentor, done.mentee]],
      ] as const) {
        for (const party of parties) {
          expectMessage(await propose(party, relationId, { kind: 'complete' }), 409, MSG.needAccepted);
          expectMessage(
            await propose(party, relationId, { kind: 'change_end_date', end_date: nowSeconds() + 10 * WEEK }),
            409,
            MSG.needAccepted,
          );
        }
        if (relationId !== done.id) expect(await listProposals(parties[0], relationId)).toEqual([]);
      }
    });
  });

  describe('a proposal lapses when the relation ends', () => {
    it('cancelled while a proposal is open: it is "lapsed" and can no longer be accepted; no proposal email', async () => {
      const { mentor, mentee, id } = await accepted();
      const proposal = await made(mentee, id, { kind: 'complete' });
      expect((await call(world, mentor, 'PUT', `/mentorship_relation/${id}/cancel`)).statusCode).toBe(200);
      const [lapsed] = await listProposals(mentee, id);
      expect(lapsed).toEqual({ ...proposal, state: 'lapsed', decided_at: expect.any(Number) });
      expectMessage(await answer(mentor, id, proposal.id, 'accept'), 409, MSG.notOpen);
      expectMessage(await answer(mentor, id, proposal.id, 'decline'), 409, MSG.notOpen);
      expectMessage(await withdraw(mentee, id, proposal.id), 409, MSG.notOpen);
      expect((await relationRow(world, id)).state).toBe(STATE.CANCELLED);
      await world.sink.waitFor(mentee.email, SUBJECT.cancelled);
      await settle();
      expect(countMails(world.sink, mentee.email, SUBJECT.completed)).toBe(0);
      for (const subject of [SUBJECT.accepted, SUBJECT.declined, SUBJECT.withdrawn]) {
        expect(countMails(world.sink, mentee.email, subject) + countMails(world.sink, mentor.email, subject)).toBe(0);
      }
    });

    it('a party deletes their account while a proposal is open: it lapses', async () => {
      const { mentor, mentee, id } = await accepted();
      const proposal = await made(mentor, id, { kind: 'change_end_date', end_date: nowSeconds() + 7 * WEEK });
      await deleteOwnAccount(world.test, mentee);
      // The relation is detached by the reaction to the deletion, through the outbox.
      const lapsed = await eventually(async () => {
        const [latest] = await listProposals(mentor, id);
        return latest.state === 'lapsed' ? latest : null;
      });
      expect(lapsed).toEqual({ ...proposal, state: 'lapsed', decided_at: expect.any(Number) });
      expectMessage(await withdraw(mentor, id, proposal.id), 409, MSG.notOpen);
    });

    it('the daily completion job completes a relation past its end date: its open proposal lapses', async () => {
      const { mentor, mentee, id } = await accepted();
      const proposal = await made(mentee, id, { kind: 'change_end_date', end_date: nowSeconds() + 10 * WEEK });
      // The only relation of this world that ends before the occurrence (the others end weeks ahead).
      const endDate = nowSeconds() + DAY;
      await world.sql(`update "mentorship_relations" set "end_date" = ? where "id" = ?`, [endDate, id]);
      await world.test.app.get(CompleteDueRelationsJob).runScheduled(new Date((endDate + HOUR) * 1000));
      expect((await relationRow(world, id)).state).toBe(STATE.COMPLETED);
      const [lapsed] = await listProposals(mentor, id);
      expect(lapsed).toEqual({ ...proposal, proposed_by_me: false, state: 'lapsed', decided_at: endDate + HOUR });
      expectMessage(await answer(mentor, id, proposal.id, 'accept'), 409, MSG.notOpen);
      // The completion emails say the end date came, not that they agreed.
      const mail = await world.sink.waitFor(mentor.email, SUBJECT.completed);
      expect(mail.text).toContain(`Your mentorship relation with ${mentee.name} ${END_DATE_TEXT}`);
      expect(mail.text).not.toContain('completed early');
      await settle();
      expect(countMails(world.sink, mentor.email, SUBJECT.completed)).toBe(1);
      expect(countMails(world.sink, mentee.email, SUBJECT.completed)).toBe(1);
      expect(countMails(world.sink, mentee.email, SUBJECT.accepted)).toBe(0);
    });
  });

  describe('the body', () => {
    let mentor: Member;
    let id: number;
    let endDate: number;

    beforeAll(async () => {
      ({ mentor, id, endDate } = await accepted());
    });

    it.each([
      ['3 weeks ahead', 3 * WEEK],
      ['4 weeks less a minute ahead', 4 * WEEK - 60],
      ['24 weeks and a minute ahead', 24 * WEEK + 60],
      ['25 weeks ahead', 25 * WEEK],
      ['in the past', -DAY],
    ])('an end date %s: 400 "%s"', async (_label, ahead) => {
      expectMessage(
        await propose(mentor, id, { kind: 'change_end_date', end_date: nowSeconds() + ahead }),
        400,
        MSG.outOfBounds,
      );
    });

    it('the current end date: 400 (it must differ)', async () => {
      expect((await current(mentor)).json().end_date).toBe(endDate);
      expectMessage(await propose(mentor, id, { kind: 'change_end_date', end_date: endDate }), 400, MSG.unchanged);
    });

    it.each<[string, unknown, string]>([
      ['no kind', {}, MSG.kindInvalid],
      ['an unknown kind', { kind: 'finish' }, MSG.kindInvalid],
      ['kind in capitals', { kind: 'COMPLETE' }, MSG.kindInvalid],
      ['kind null', { kind: null }, MSG.kindInvalid],
      ['kind a number', { kind: 1 }, MSG.kindInvalid],
      ['kind a list', { kind: ['complete'] }, MSG.kindInvalid],
      ['an unknown kind with a bad end date (kind first)', { kind: 'x', end_date: 'soon' }, MSG.kindInvalid],
      ['change_end_date without end_date', { kind: 'change_end_date' }, MSG.endDateRequired],
      ['change_end_date with end_date null', { kind: 'change_end_date', end_date: null }, MSG.endDateRequired],
      ['complete with an end_date', { kind: 'complete', end_date: 1_900_000_000 }, MSG.endDateNotAllowed],
      ['complete with end_date a string', { kind: 'complete', end_date: 'soon' }, MSG.endDateNotAllowed],
      ['end_date a string', { kind: 'change_end_date', end_date: '1900000000' }, MSG.endDateInvalid],
      ['end_date true', { kind: 'change_end_date', end_date: true }, MSG.endDateInvalid],
      ['end_date an object', { kind: 'change_end_date', end_date: { seconds: 1 } }, MSG.endDateInvalid],
      ['end_date a list', { kind: 'change_end_date', end_date: [1_900_000_000] }, MSG.endDateInvalid],
      ['end_date too large for a number', '{"kind":"change_end_date","end_date":1e400}', MSG.endDateInvalid],
      ['a JSON null', 'null', MSG.kindInvalid],
      ['a JSON string', '"complete"', MSG.kindInvalid],
      ['a JSON number', '7', MSG.kindInvalid],
      ['a JSON list', '[{"kind":"complete"}]', MSG.kindInvalid],
    ])('%s: 400 with the text', async (_label, body, text) => {
      expectMessage(await propose(mentor, id, body), 400, text);
    });

    it('invalid JSON, another media type, no body: a 4xx {"message"}, never a 5xx', async () => {
      for (const response of [
        await propose(mentor, id, '{"kind": "complete"'),
        await world.test.app.inject({
          method: 'POST',
          url: proposalsUrl(id),
          headers: { authorization: `Bearer ${mentor.accessToken}`, 'content-type': 'text/plain' },
          payload: 'complete',
        }),
        await call(world, mentor, 'POST', proposalsUrl(id)),
      ]) {
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(Object.keys(response.json())).toEqual(['message']);
        expect(typeof response.json().message).toBe('string');
      }
    });

    it('none of the bad bodies made a proposal', async () => {
      expect(await listProposals(mentor, id)).toEqual([]);
    });

    it('unknown fields are ignored', async () => {
      const proposal = await made(mentor, id, { kind: 'complete', state: 'accepted', proposed_by: 1, extra: [1] });
      expect(proposal).toMatchObject({ kind: 'complete', state: 'open', proposed_by: mentor.id, end_date: null });
    });
  });

  describe('the open proposal in the relation JSON and on the dashboard', () => {
    type Item = Record<string, unknown> & { id: number };
    const listed = async (user: Member): Promise<Item> =>
      (await call(world, user, 'GET', '/mentorship_relations')).json().find((r: Item) => r.id === relationId);
    const currentOf = async (user: Member): Promise<Item> => (await current(user)).json();
    const dashboardItem = async (user: Member): Promise<Item> => {
      const dashboard = (await call(world, user, 'GET', '/dashboard')).json();
      const groups = user === mentor ? dashboard.as_mentor.received : dashboard.as_mentee.sent;
      return groups.accepted.find((r: Item) => r.id === relationId);
    };
    let mentor: Member;
    let mentee: Member;
    let relationId: number;

    const expectNoProposalKeys = async () => {
      for (const user of [mentor, mentee]) {
        expect(Object.keys(await listed(user)).sort()).toEqual(RELATION_KEYS);
        expect(Object.keys(await currentOf(user)).sort()).toEqual(RELATION_KEYS);
        expect(Object.keys(await dashboardItem(user)).sort()).toEqual(DASHBOARD_ITEM_KEYS);
      }
    };

    const expectOpen = async (proposal: ProposalJson) => {
      for (const user of [mentor, mentee]) {
        const view = { ...proposal, proposed_by_me: proposal.proposed_by === user.id };
        const item = await listed(user);
        expect(Object.keys(item).sort()).toEqual([...RELATION_KEYS, 'open_proposal'].sort());
        expect(item.open_proposal).toEqual(view);
        expect((await currentOf(user)).open_proposal).toEqual(view);
        const dashboard = await dashboardItem(user);
        expect(Object.keys(dashboard).sort()).toEqual([...DASHBOARD_ITEM_KEYS, 'open_proposal'].sort());
        expect(dashboard.open_proposal).toEqual(view);
      }
    };

    beforeAll(async () => {
      ({ mentor, mentee, id: relationId } = await accepted());
    });

    it('a relation that never had a proposal has exactly the reference keys', async () => {
      await expectNoProposalKeys();
    });

    it('while open, every view carries it; after a decline it is gone', async () => {
      const proposal = await made(mentee, relationId, { kind: 'complete' });
      await expectOpen(proposal);
      expect((await answer(mentor, relationId, proposal.id, 'decline')).statusCode).toBe(200);
      await expectNoProposalKeys();
    });

    it('after a withdrawal it is gone', async () => {
      const proposal = await made(mentor, relationId, { kind: 'change_end_date', end_date: nowSeconds() + 11 * WEEK });
      await expectOpen(proposal);
      expect((await withdraw(mentor, relationId, proposal.id)).statusCode).toBe(200);
      await expectNoProposalKeys();
    });

    it('after an accepted new end date it is gone, and the end date is the new one', async () => {
      const newEnd = nowSeconds() + 13 * WEEK;
      const proposal = await made(mentee, relationId, { kind: 'change_end_date', end_date: newEnd });
      await expectOpen(proposal);
      expect((await answer(mentor, relationId, proposal.id, 'accept')).statusCode).toBe(200);
      await expectNoProposalKeys();
      expect((await listed(mentor)).end_date).toBe(newEnd);
      expect((await dashboardItem(mentee)).end_date).toBe(newEnd);
    });

    it('after it lapses (the relation is cancelled) it is gone from the cancelled relation too', async () => {
      const proposal = await made(mentee, relationId, { kind: 'complete' });
      await expectOpen(proposal);
      expect((await call(world, mentee, 'PUT', `/mentorship_relation/${relationId}/cancel`)).statusCode).toBe(200);
      for (const user of [mentor, mentee]) {
        const item = await listed(user);
        expect(item.state).toBe(STATE.CANCELLED);
        expect(Object.keys(item).sort()).toEqual(RELATION_KEYS);
        const dashboard = (await call(world, user, 'GET', '/dashboard')).json();
        const groups = user === mentor ? dashboard.as_mentor.received : dashboard.as_mentee.sent;
        const cancelled = groups.cancelled.find((r: Item) => r.id === relationId);
        expect(Object.keys(cancelled).sort()).toEqual(DASHBOARD_ITEM_KEYS);
      }
    });
  });

  describe('/docs', () => {
    const ROUTES: Array<[method: string, path: string, statuses: string[]]> = [
      ['post', '/mentorship_relation/{request_id}/proposals', ['201', '400', '401', '404', '409']],
      ['get', '/mentorship_relation/{request_id}/proposals', ['200', '401', '404']],
      ['put', '/mentorship_relation/{request_id}/proposals/{proposal_id}/accept', ['200', '401', '403', '404', '409']],
      ['put', '/mentorship_relation/{request_id}/proposals/{proposal_id}/decline', ['200', '401', '403', '404', '409']],
      ['delete', '/mentorship_relation/{request_id}/proposals/{proposal_id}', ['200', '401', '403', '404', '409']],
    ];
    type Operation = {
      responses: Record<string, { description?: string }>;
      security?: unknown[];
      tags?: string[];
      requestBody?: unknown;
    };
    let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any> } };

    beforeAll(async () => {
      document = (await world.test.app.inject({ method: 'GET', url: '/docs-json' })).json();
    });

    it.each(ROUTES)('%s %s documents exactly %j, with the bearer token', (method, path, statuses) => {
      const operation = document.paths[path]?.[method];
      expect(operation).toBeDefined();
      expect(Object.keys(operation.responses).sort()).toEqual([...statuses].sort());
      expect(operation.security ?? [{}]).not.toEqual([]);
      expect(operation.tags).toEqual(['mentorship relations']);
    });

    it('every text the routes answer is in their documented statuses', () => {
      const described = (method: string, path: string, status: string) =>
        document.paths[path][method].responses[status].description ?? '';
      const make = '/mentorship_relation/{request_id}/proposals';
      for (const text of [
        MSG.kindInvalid,
        MSG.endDateRequired,
        MSG.endDateNotAllowed,
        MSG.endDateInvalid,
        MSG.outOfBounds,
        MSG.unchanged,
      ])
        expect(described('post', make, '400')).toContain(text);
      expect(described('post', make, '404')).toContain(MSG.relationNotFound);
      expect(described('post', make, '409')).toContain(MSG.needAccepted);
      expect(described('post', make, '409')).toContain(MSG.alreadyOpen);
      const one = `${make}/{proposal_id}`;
      expect(described('put', `${one}/accept`, '403')).toContain(MSG.cannotAcceptOwn);
      expect(described('put', `${one}/accept`, '404')).toContain(MSG.proposalNotFound);
      expect(described('put', `${one}/accept`, '409')).toContain(MSG.notOpen);
      expect(described('put', `${one}/accept`, '409')).toContain(MSG.endDatePassed);
      expect(described('put', `${one}/decline`, '403')).toContain(MSG.cannotDeclineOwn);
      expect(described('delete', one, '403')).toContain(MSG.onlyProposerWithdraws);
    });

    it('the body schema names kind (one of two) and end_date', () => {
      const schema = document.components.schemas.MakeProposalBody;
      expect(schema.required).toEqual(['kind']);
      expect(schema.properties.kind.enum).toEqual(['complete', 'change_end_date']);
      expect(schema.properties.end_date.type).toBe('number');
    });
  });
});
