/**
 * Hostile input on the relation endpoints: whatever the body, path id or query, the answer is a
 * client error (or a success) with a JSON body — never a 500. The reference answered some of these
 * with 500 (§2.3 #18 step 4: OverflowError/TypeError are not caught).
 */
import type { Response } from 'light-my-request';
import { bearer } from '../support/accounts';
import {
  createMember,
  createMembers,
  createRequest,
  deleteRelation,
  type Env,
  getAs,
  type Member,
  putRelation,
  sendRequest,
  startEnv,
  validEndDate,
} from './support';

const HOSTILE_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['"1"', '1'],
  ['1.5', 1.5],
  ['-1', -1],
  ['0', 0],
  ['true', true],
  ['[]', []],
  ['{}', {}],
  ['1e308', 1e308],
  ['"x" × 100000', 'x'.repeat(100_000)],
  ['"a\\u0000b"', 'a\u0000b'],
  ['"\\ud800"', '\ud800'],
];

const HOSTILE_IDS = ['abc', '-1', '1.5', '99999999999999999999', '0', '2147483648'];

/** Parses the body, or fails the test showing it. */
function jsonOf(response: Response): unknown {
  try {
    return response.json();
  } catch {
    throw new Error(`not JSON (${response.statusCode}): ${response.body.slice(0, 500)}`);
  }
}

/** Below 500, and a JSON object whose `message` is a string. */
function expectClientAnswerWithMessage(what: string, response: Response): void {
  const body = jsonOf(response);
  expect({ what, below500: response.statusCode < 500, body }).toEqual({
    what,
    below500: true,
    body: expect.objectContaining({ message: expect.any(String) }),
  });
  expect({ what, isArray: Array.isArray(body) }).toEqual({ what, isArray: false });
}

describe('hostile input on the relation endpoints', () => {
  let env: Env;
  let caller: Member;
  let other: Member;
  let pending: number;

  beforeAll(async () => {
    env = await startEnv();
    await createMember(env); // the admin
    [caller, other] = await createMembers(env, 2);
    pending = await createRequest(env, caller, other, caller);
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  describe('POST /mentorship_relation/send_request', () => {
    it.each<[string, unknown]>([
      ['null', null],
      ['[]', []],
      ['"x"', 'x'],
      ['42', 42],
      ['{}', {}],
    ])('the body %s: < 500 with a JSON {message}', async (label, body) => {
      expectClientAnswerWithMessage(`body ${label}`, await sendRequest(env.test, caller, body));
    });

    for (const field of ['mentor_id', 'mentee_id', 'end_date', 'notes'] as const) {
      it.each(HOSTILE_VALUES)(`${field} = %s: < 500 with a JSON {message}`, async (label, value) => {
        // The caller is the mentee unless the mentee_id is the hostile one.
        const body: Record<string, unknown> =
          field === 'mentee_id'
            ? { mentor_id: caller.id, mentee_id: value, end_date: validEndDate(), notes: 'n' }
            : { mentor_id: other.id, mentee_id: caller.id, end_date: validEndDate(), notes: 'n' };
        body[field] = value;
        expectClientAnswerWithMessage(`${field} = ${label}`, await sendRequest(env.test, caller, body));
      });
    }

    it('a body that is not JSON at all, with a JSON content type: < 500 with a JSON {message}', async () => {
      const response = await env.test.app.inject({
        method: 'POST',
        url: '/mentorship_relation/send_request',
        headers: { ...bearer(caller.accessToken), 'content-type': 'application/json' },
        payload: '{"mentor_id": 1,',
      });
      expectClientAnswerWithMessage('truncated JSON', response);
    });
  });

  describe('path ids', () => {
    const actions: Array<[string, (id: string) => Promise<Response>]> = [
      ['PUT accept', (id) => putRelation(env.test, caller, id, 'accept')],
      ['PUT reject', (id) => putRelation(env.test, caller, id, 'reject')],
      ['PUT cancel', (id) => putRelation(env.test, caller, id, 'cancel')],
      ['DELETE', (id) => deleteRelation(env.test, caller, id)],
    ];

    for (const [name, send] of actions) {
      it.each(HOSTILE_IDS)(`${name} /mentorship_relation/%s: 404 with a JSON {message}`, async (id) => {
        const response = await send(id);
        expectClientAnswerWithMessage(`${name} ${id}`, response);
        expect({ id, status: response.statusCode }).toEqual({ id, status: 404 });
      });
    }

    it('none of them touched the real pending request', async () => {
      const response = await getAs(env.test, caller, '/mentorship_relations/pending');
      expect((response.json() as Array<{ id: number }>).map((relation) => relation.id)).toEqual([pending]);
    });
  });

  describe('GET /mentorship_relations?relation_state=<odd values>', () => {
    const ODD_QUERIES = [
      'relation_state=nope',
      'relation_state=1',
      'relation_state=2',
      'relation_state=-1',
      'relation_state=__proto__',
      'relation_state=constructor',
      'relation_state=toString',
      'relation_state=valueOf',
      'relation_state=PENDING%00',
      'relation_state=%00',
      'relation_state=%F0%9F%98%80',
      'relation_state=%FF',
      'relation_state=%E0%A4%A',
      `relation_state=${'a'.repeat(5000)}`,
      'relation_state=accepted&relation_state=nope',
      'relation_state=nope&relation_state=accepted',
      'relation_state[]=accepted',
      'relation_state[x]=accepted',
      'relation_state',
      'relation_state=',
      'relation_state=%20',
      'relation_state=ACCEPTED%20',
      'page=1',
      '__proto__=1',
      '__proto__[relation_state]=accepted',
      'constructor[prototype][x]=1',
    ];

    it.each(ODD_QUERIES)(
      '?%s: < 500 with a JSON body ([] for an unknown state, else a list or {message})',
      async (qs) => {
        const response = await getAs(env.test, caller, `/mentorship_relations?${qs}`);
        const body = jsonOf(response);
        expect({ qs, below500: response.statusCode < 500 }).toEqual({ qs, below500: true });
        if (Array.isArray(body)) {
          // A list (200), or [] with the 400 of an unknown state.
          if (response.statusCode !== 200)
            expect({ qs, status: response.statusCode, body }).toEqual({ qs, status: 400, body: [] });
        } else {
          expect({ qs, body }).toEqual({ qs, body: expect.objectContaining({ message: expect.any(String) }) });
        }
      },
    );

    it('an unknown state: exactly 400 with the body []', async () => {
      for (const qs of ['relation_state=nope', 'relation_state=1', 'relation_state=__proto__']) {
        const response = await getAs(env.test, caller, `/mentorship_relations?${qs}`);
        expect({ qs, status: response.statusCode, body: jsonOf(response) }).toEqual({ qs, status: 400, body: [] });
      }
    });
  });
});
