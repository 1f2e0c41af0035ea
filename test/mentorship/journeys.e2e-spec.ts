/**
 * User journeys over HTTP only (reference tests/user_journey/test_happy_path_1.py without its task
 * steps, which come with the tasks lib; test_rejection_path.py; and the request-withdrawal path).
 * Mentor A has available_to_mentor only; mentee B has need_mentoring only.
 */
import { bearer } from '../support/accounts';
import {
  ACCEPTED_SUBJECT,
  createMember,
  expectMessage,
  getAs,
  listAs,
  MSG,
  REQUEST_SUBJECT,
  requestBody,
  sendRequest,
  startMentorshipEnv,
  statusAndBody,
  STATE,
  validEndDate,
  type Member,
  type MentorshipEnv,
} from './support';

describe('user journeys', () => {
  let env: MentorshipEnv;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    await createMember(env); // the first user, the admin
  });

  afterAll(async () => {
    await env?.close();
  });

  const pair = async (): Promise<[Member, Member]> =>
    Promise.all([
      createMember(env, { mentor: true }, { name: 'Mentor A' }),
      createMember(env, { mentee: true }, { name: 'Mentee B' }),
    ]);

  it('happy path: the mentee asks, the mentor accepts, both see the same current relation', async () => {
    const [mentor, mentee] = await pair();

    // B (mentee) sends a request to A (mentor)
    const endDate = validEndDate(40 / 7);
    expectMessage(
      await sendRequest(env.test, mentee, requestBody(mentor, mentee, { end_date: endDate, notes: 'some notes' })),
      201,
      MSG.sent,
    );
    const invitation = await env.sink.waitFor(mentor.email, REQUEST_SUBJECT);
    expect(invitation.text).toContain('Mentee B');

    // A lists the requests and finds it pending
    const requests = await listAs(env.test, mentor);
    expect(requests).toHaveLength(1);
    const requestId = requests[0].id as number;
    expect(requestId).toEqual(expect.any(Number));
    expect(requests[0]).toMatchObject({ state: STATE.PENDING, sent_by_me: false, notes: 'some notes' });
    expect(await listAs(env.test, mentor, '/mentorship_relations/pending')).toEqual(requests);

    // A accepts
    const accept = await env.test.app.inject({
      method: 'PUT',
      url: `/mentorship_relation/${requestId}/accept`,
      headers: bearer(mentor.accessToken),
    });
    expectMessage(accept, 200, MSG.accepted);
    const congratulations = await env.sink.waitFor(mentee.email, ACCEPTED_SUBJECT);
    expect(congratulations.text).toContain('Mentor A');

    // both see the current relation, with sent_by_me flipped
    const menteeCurrent = await getAs(env.test, mentee, '/mentorship_relations/current');
    const mentorCurrent = await getAs(env.test, mentor, '/mentorship_relations/current');
    expect(statusAndBody(menteeCurrent).status).toBe(200);
    expect(statusAndBody(mentorCurrent).status).toBe(200);
    const mine = menteeCurrent.json();
    const theirs = mentorCurrent.json();
    expect(theirs.sent_by_me).toBe(false);
    expect(mine.sent_by_me).toBe(true);
    expect(theirs).toEqual({ ...mine, sent_by_me: false });
    expect(mine).toMatchObject({
      id: requestId,
      state: STATE.ACCEPTED,
      mentor: { id: mentor.id, name: 'Mentor A' },
      mentee: { id: mentee.id, name: 'Mentee B' },
      action_user_id: mentee.id,
      end_date: expect.closeTo(endDate, 3),
    });
    expect(mine.accept_date).toEqual(expect.any(Number));
    expect(mine.start_date).toBe(mine.accept_date);

    // home and dashboard agree
    for (const user of [mentor, mentee]) {
      expect((await getAs(env.test, user, '/home')).json()).toMatchObject({
        accepted_requests: 1,
        pending_requests: 0,
      });
      expect((await getAs(env.test, user, '/dashboard')).json()).toMatchObject({ tasks_todo: [], tasks_done: [] });
    }
    expect((await getAs(env.test, mentor, '/dashboard')).json().as_mentor.received.accepted).toEqual([
      expect.objectContaining({ id: requestId }),
    ]);

    // nobody else can join them now
    const outsider = await createMember(env);
    expectMessage(await sendRequest(env.test, outsider, requestBody(mentor, outsider)), 400, MSG.mentorInRelation);
    expectMessage(await sendRequest(env.test, outsider, requestBody(outsider, mentee)), 400, MSG.menteeInRelation);
  });

  it('rejection path: the mentee asks, the mentor rejects, the mentee finds no current relation', async () => {
    const [mentor, mentee] = await pair();
    expectMessage(
      await sendRequest(env.test, mentee, requestBody(mentor, mentee, { notes: 'A request for mentorship' })),
      201,
      MSG.sent,
    );

    const received = await listAs(env.test, mentor);
    const requestId = received[0].id as number;
    expect(received[0].state).toBe(STATE.PENDING);

    const reject = await env.test.app.inject({
      method: 'PUT',
      url: `/mentorship_relation/${requestId}/reject`,
      headers: bearer(mentor.accessToken),
    });
    expectMessage(reject, 200, MSG.rejected);

    const after = await listAs(env.test, mentor);
    expect(after[0]).toMatchObject({ id: requestId, state: STATE.REJECTED });
    expectMessage(await getAs(env.test, mentee, '/mentorship_relations/current'), 200, MSG.noCurrent);
    expect(await listAs(env.test, mentee, '/mentorship_relations/pending')).toEqual([]);
    expect((await getAs(env.test, mentee, '/home')).json()).toMatchObject({ rejected_requests: 1 });
  });

  it('withdrawal path: the mentee asks, then deletes the request; nothing is left to accept', async () => {
    const [mentor, mentee] = await pair();
    expectMessage(await sendRequest(env.test, mentee, requestBody(mentor, mentee)), 201, MSG.sent);
    const [request] = await listAs(env.test, mentee);

    const remove = await env.test.app.inject({
      method: 'DELETE',
      url: `/mentorship_relation/${request.id}`,
      headers: bearer(mentee.accessToken),
    });
    expectMessage(remove, 200, MSG.deleted);
    expect(await listAs(env.test, mentor)).toEqual([]);
    expect(await listAs(env.test, mentee)).toEqual([]);
    const accept = await env.test.app.inject({
      method: 'PUT',
      url: `/mentorship_relation/${request.id}/accept`,
      headers: bearer(mentor.accessToken),
    });
    expectMessage(accept, 404, MSG.requestMissing);
  });
});
