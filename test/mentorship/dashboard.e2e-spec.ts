/**
 * GET /dashboard (reference §2.1 #14; tests/users/test_dao_dashboard.py). Tasks come with the tasks
 * lib: until then tasks_todo and tasks_done are [] (and present only with an ACCEPTED relation).
 *
 * The subject F has one relation in each of these buckets:
 *   as_mentor.sent.accepted (rel1, with S)   as_mentor.sent.pending (rel2, with T)
 *   as_mentor.received.rejected (with D)     as_mentor.received.pending (with E)
 *   as_mentee.sent.completed (with H)        as_mentee.sent.pending (with G)
 *   as_mentee.received.cancelled (rel3, with S)
 */
import {
  bearer,
  deleteOwnAccount,
  itRejectsMissingExpiredAndInvalidTokens,
  sessionlessAccessToken,
} from '../support/accounts';
import {
  act,
  BUCKETS,
  createCancelled,
  createCompleted,
  createMember,
  createMembers,
  createRequest,
  DASHBOARD_ITEM_KEYS,
  emptySide,
  expectedDashboardItem,
  expectMessage,
  getAs,
  MSG,
  relationRows,
  startMentorshipEnv,
  statusAndBody,
  type Member,
  type MentorshipEnv,
} from './support';

type Person = Member & { photo_url?: string | null };

describe('GET /dashboard', () => {
  let env: MentorshipEnv;
  let F: Person;
  let S: Person;
  let T: Person;
  let D: Person;
  let E: Person;
  let G: Person;
  let H: Person;
  let fresh: Person;
  let people: Person[];
  const ids = { rel1: 0, rel2: 0, rel3: 0, rejected: 0, receivedPending: 0, completed: 0, sentPending: 0 };

  const setPhoto = async (user: Person, url: string) => {
    const response = await env.test.app.inject({
      method: 'PUT',
      url: '/user',
      headers: bearer(user.accessToken),
      payload: { photo_url: url },
    });
    expect(statusAndBody(response)).toEqual({ status: 200, body: { message: MSG.userUpdated } });
    user.photo_url = url;
  };

  beforeAll(async () => {
    env = await startMentorshipEnv();
    await createMember(env); // the first user, the admin, who must stay
    people = await createMembers(env, 8);
    [F, S, T, D, E, G, H, fresh] = people;
    await setPhoto(F, 'https://photo.example/f.png');
    await setPhoto(S, 'https://photo.example/s.png');

    ids.completed = await createCompleted(env, F, H, F);
    ids.rel3 = await createCancelled(env, S, S, F);
    ids.rejected = await createRequest(env, D, F, D);
    await act(env, F, ids.rejected, 'reject');
    ids.receivedPending = await createRequest(env, E, F, E);
    ids.sentPending = await createRequest(env, F, G, F);
    ids.rel2 = await createRequest(env, F, F, T);
    ids.rel1 = await createRequest(env, F, F, S);
    await act(env, S, ids.rel1, 'accept');
  });

  afterAll(async () => {
    await env?.close();
  });

  const dashboard = (user: { accessToken: string }) => getAs(env.test, user, '/dashboard');
  const item = async (id: number) => expectedDashboardItem((await relationRows(env.db, [id]))[0], people);

  it('the full structure for F (reference test_dao_get_user_dashboard)', async () => {
    const response = await dashboard(F);
    const asMentor = emptySide();
    asMentor.sent.accepted = [await item(ids.rel1)];
    asMentor.sent.pending = [await item(ids.rel2)];
    asMentor.received.rejected = [await item(ids.rejected)];
    asMentor.received.pending = [await item(ids.receivedPending)];
    const asMentee = emptySide();
    asMentee.sent.completed = [await item(ids.completed)];
    asMentee.sent.pending = [await item(ids.sentPending)];
    asMentee.received.cancelled = [await item(ids.rel3)];
    expect(statusAndBody(response)).toEqual({
      status: 200,
      body: { as_mentor: asMentor, as_mentee: asMentee, tasks_todo: [], tasks_done: [] },
    });
  });

  it('exact keys everywhere: the halves, the directions, the five buckets, the items', async () => {
    const body = (await dashboard(F)).json();
    expect(Object.keys(body).sort()).toEqual(['as_mentee', 'as_mentor', 'tasks_done', 'tasks_todo']);
    for (const half of ['as_mentor', 'as_mentee']) {
      expect(Object.keys(body[half]).sort()).toEqual(['received', 'sent']);
      for (const direction of ['sent', 'received']) {
        expect(Object.keys(body[half][direction]).sort()).toEqual([...BUCKETS].sort());
        for (const bucket of BUCKETS) {
          for (const entry of body[half][direction][bucket]) {
            expect(Object.keys(entry).sort()).toEqual(DASHBOARD_ITEM_KEYS);
            expect(Object.keys(entry.mentor).sort()).toEqual(['id', 'photo_url', 'user_name']);
            expect(Object.keys(entry.mentee).sort()).toEqual(['id', 'photo_url', 'user_name']);
          }
        }
      }
    }
  });

  it('items show display names and photos, and states as integers', async () => {
    const body = (await dashboard(F)).json();
    expect(body.as_mentor.sent.accepted[0]).toMatchObject({
      action_user_id: F.id,
      state: 2,
      mentor: { id: F.id, user_name: F.name, photo_url: 'https://photo.example/f.png' },
      mentee: { id: S.id, user_name: S.name, photo_url: 'https://photo.example/s.png' },
    });
    expect(body.as_mentor.sent.accepted[0].accept_date).toEqual(expect.any(Number));
    expect(body.as_mentor.sent.accepted[0].start_date).toBe(body.as_mentor.sent.accepted[0].accept_date);
    expect(body.as_mentor.sent.pending[0]).toMatchObject({
      state: 1,
      accept_date: null,
      start_date: null,
      mentee: { id: T.id, user_name: T.name, photo_url: null },
    });
    expect(body.as_mentee.sent.completed[0].state).toBe(5);
    expect(body.as_mentee.received.cancelled[0].state).toBe(4);
    expect(body.as_mentor.received.rejected[0].state).toBe(3);
  });

  it('the other party of the accepted relation sees it received, as mentee; and rel3 sent, as mentor', async () => {
    const response = await dashboard(S);
    const asMentor = emptySide();
    asMentor.sent.cancelled = [await item(ids.rel3)];
    const asMentee = emptySide();
    asMentee.received.accepted = [await item(ids.rel1)];
    expect(statusAndBody(response)).toEqual({
      status: 200,
      body: { as_mentor: asMentor, as_mentee: asMentee, tasks_todo: [], tasks_done: [] },
    });
  });

  it('without an ACCEPTED relation there are no tasks_todo and tasks_done keys', async () => {
    const asMentee = emptySide();
    asMentee.received.pending = [await item(ids.rel2)];
    expect(statusAndBody(await dashboard(T))).toEqual({
      status: 200,
      body: { as_mentor: emptySide(), as_mentee: asMentee },
    });

    const asMentor = emptySide();
    asMentor.received.completed = [await item(ids.completed)];
    expect(statusAndBody(await dashboard(H))).toEqual({
      status: 200,
      body: { as_mentor: asMentor, as_mentee: emptySide() },
    });
  });

  it('a user in no relation: every bucket empty, no task keys', async () => {
    expect(statusAndBody(await dashboard(fresh))).toEqual({
      status: 200,
      body: { as_mentor: emptySide(), as_mentee: emptySide() },
    });
  });

  it('the task keys come with the acceptance and go with the cancellation', async () => {
    const [a, b] = await createMembers(env, 2);
    people.push(a, b);
    const id = await createRequest(env, a, a, b);
    expect(Object.keys((await dashboard(b)).json()).sort()).toEqual(['as_mentee', 'as_mentor']);
    await act(env, b, id, 'accept');
    expect((await dashboard(b)).json()).toMatchObject({ tasks_todo: [], tasks_done: [] });
    expect((await dashboard(a)).json()).toMatchObject({ tasks_todo: [], tasks_done: [] });
    await act(env, a, id, 'cancel');
    expect(Object.keys((await dashboard(a)).json()).sort()).toEqual(['as_mentee', 'as_mentor']);
    expect(Object.keys((await dashboard(b)).json()).sort()).toEqual(['as_mentee', 'as_mentor']);
  });

  describe('a token whose user does not exist', () => {
    it('a deleted user: 404 "User not found."', async () => {
      const gone = await createMember(env);
      await deleteOwnAccount(env.test, gone);
      const response = await env.test.app.inject({
        method: 'GET',
        url: '/dashboard',
        headers: bearer(sessionlessAccessToken(gone.id)),
      });
      expectMessage(response, 404, MSG.userNotFound);
    });

    it('an id that never existed: 404', async () => {
      const response = await env.test.app.inject({
        method: 'GET',
        url: '/dashboard',
        headers: bearer(sessionlessAccessToken(987_654)),
      });
      expectMessage(response, 404, MSG.userNotFound);
    });
  });

  itRejectsMissingExpiredAndInvalidTokens(() => env.test, { method: 'GET', url: '/dashboard' });
});
