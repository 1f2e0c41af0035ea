/**
 * The full reference user journey tests/user_journey/test_happy_path_1.py over HTTP only (reference
 * §9; it fails at the reference's HEAD because task creation answers 500, §0 — here the intended
 * behaviour). Mentor A has available_to_mentor only; mentee B has need_mentoring only.
 *
 * B sends → A lists it PENDING → A accepts → both see /current with opposite sent_by_me → A creates a
 * task → it is listed with completed_at null → B completes it → completed_at is set. Then, beyond the
 * reference test: the task shows up as an achievement and on the dashboard, and the two talk about it.
 */
import {
  addComment,
  createMember,
  during,
  expectMessage,
  getAs,
  getTasks,
  type Member,
  type MentorshipEnv,
  MSG,
  postTask,
  RELATION_MSG,
  requestBody,
  sendRequest,
  startMentorshipEnv,
  STATE,
  statusAndBody,
  TASK_KEYS,
} from './support';
import { bearer } from '../support/accounts';

describe('user journey: happy path 1 (reference tests/user_journey/test_happy_path_1.py)', () => {
  let env: MentorshipEnv;
  let mentor: Member;
  let mentee: Member;

  beforeAll(async () => {
    env = await startMentorshipEnv();
    await createMember(env); // the first user, the admin
    [mentor, mentee] = await Promise.all([
      createMember(env, { mentor: true }, { name: 'Mentor A' }),
      createMember(env, { mentee: true }, { name: 'Mentee B' }),
    ]);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('send → list → accept → current → create a task → list it → complete it', async () => {
    // 1. The mentee sends a request to the mentor.
    expectMessage(
      await sendRequest(env.test, mentee, requestBody(mentor, mentee, { notes: 'some notes' })),
      201,
      RELATION_MSG.sent,
    );

    // 2. The mentor lists the relations and finds it PENDING.
    const listed = await getAs(env.test, mentor, '/mentorship_relations');
    expect(statusAndBody(listed).status).toBe(200);
    const relations = listed.json() as Array<Record<string, unknown>>;
    expect(relations).toHaveLength(1);
    expect(relations[0]).toMatchObject({
      state: STATE.PENDING,
      sent_by_me: false,
      mentor: { id: mentor.id, name: 'Mentor A' },
      mentee: { id: mentee.id, name: 'Mentee B' },
    });
    const relationId = relations[0].id as number;

    // 3. The mentor accepts.
    const accept = await env.test.app.inject({
      method: 'PUT',
      url: `/mentorship_relation/${relationId}/accept`,
      headers: bearer(mentor.accessToken),
    });
    expectMessage(accept, 200, RELATION_MSG.accepted);

    // 4. Both see the current relation; sent_by_me is true for the mentee only.
    const menteeCurrent = await getAs(env.test, mentee, '/mentorship_relations/current');
    const mentorCurrent = await getAs(env.test, mentor, '/mentorship_relations/current');
    expect(statusAndBody(menteeCurrent).status).toBe(200);
    expect(statusAndBody(mentorCurrent).status).toBe(200);
    expect(menteeCurrent.json()).toMatchObject({ id: relationId, state: STATE.ACCEPTED, sent_by_me: true });
    expect(mentorCurrent.json()).toMatchObject({ id: relationId, state: STATE.ACCEPTED, sent_by_me: false });
    expect(mentorCurrent.json()).toEqual({ ...menteeCurrent.json(), sent_by_me: false });

    // 5. The mentor creates a task.
    const created = await during(() => postTask(env, mentor, relationId, { description: 'This is a test task.' }));
    expectMessage(created.result, 201, MSG.taskCreated);

    // 6. Both list it, with completed_at null.
    for (const user of [mentor, mentee]) {
      const response = await getTasks(env, user, relationId);
      expect(statusAndBody(response)).toEqual({
        status: 200,
        body: [
          {
            id: 1,
            description: 'This is a test task.',
            created_at: created.date,
            completed_at: null,
            created_by: mentor.id,
          },
        ],
      });
      expect(Object.keys(response.json()[0]).sort()).toEqual(TASK_KEYS);
    }
    const [task] = (await getTasks(env, mentee, relationId)).json();

    // 7. The mentee completes it.
    const completed = await during(() =>
      env.test.app.inject({
        method: 'PUT',
        url: `/mentorship_relation/${relationId}/task/${task.id}/complete`,
        headers: bearer(mentee.accessToken),
      }),
    );
    expectMessage(completed.result, 200, MSG.taskAchieved);

    // 8. completed_at is set now; nothing else changed.
    const after = (await getTasks(env, mentor, relationId)).json();
    expect(after).toEqual([{ ...task, completed_at: completed.date }]);
    expect(after[0].completed_at).not.toBeNull();

    // Beyond the reference test: the achievement, the dashboard, and a word about it.
    for (const user of [mentor, mentee]) {
      const home = await getAs(env.test, user, '/home');
      expect(statusAndBody(home)).toEqual({
        status: 200,
        body: {
          name: user.name,
          pending_requests: 0,
          accepted_requests: 1,
          rejected_requests: 0,
          completed_relations: 0,
          cancelled_relations: 0,
          achievements: [
            {
              id: 1,
              description: 'This is a test task.',
              is_done: true,
              created_at: after[0].created_at,
              completed_at: after[0].completed_at,
            },
          ],
        },
      });
      const dashboard = (await getAs(env.test, user, '/dashboard')).json();
      expect(dashboard.tasks_todo).toEqual([]);
      expect(dashboard.tasks_done).toEqual([
        {
          id: 1,
          description: 'This is a test task.',
          created_at: after[0].created_at,
          completed_at: after[0].completed_at,
        },
      ]);
    }

    const thanks = await addComment(env, mentor, relationId, 1, 'Well done!');
    const reply = await addComment(env, mentee, relationId, 1, 'Thank you.');
    expect([thanks, reply].map((c) => [c.user_name, c.comment, c.task_id, c.relation_id])).toEqual([
      ['Mentor A', 'Well done!', 1, relationId],
      ['Mentee B', 'Thank you.', 1, relationId],
    ]);
  });
});
