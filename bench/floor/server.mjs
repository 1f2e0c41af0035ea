/**
 * The floor: the benchmark's scenarios answered by raw Fastify 5 and `pg` with hand-written SQL,
 * no Nest, no ORM, no validation library. Same paths, same JSON, same checks in the same order on
 * the success path as the app, in as few round trips as the work needs: every route is one
 * statement (send_request: one message of two statements), the session lookup of the token guard
 * included. It is the practical limit of this machine for our queries; it is never shipped.
 *
 * Routes: POST /login, GET /users, /users/verified, /users/recommended, /home, /dashboard, /mentorship_relations,
 * POST /mentorship_relation/send_request, GET …/{relation_id}/tasks, POST …/{relation_id}/task,
 * PUT …/task/{task_id}/complete, GET …/task/{task_id}/comments, POST …/task/{task_id}/comment,
 * GET /health/live, /health/ready.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_10k JWT_SECRET=bench-secret-0123456789abcdef0123 \
 *     PORT=3992 FLOOR_POOL_SIZE=10 node_modules/.bin/node bench/floor/server.mjs
 *
 * Writes record the app's domain events in `outbox` in the same transaction, already marked
 * processed: the floor has no relay, and the app (sharing the database) must not deliver them.
 * POST /login is the "hash-only floor": one lookup of the stored hash, an argon2id verify, tokens
 * (signed like the app's, naming no session: both servers accept them).
 */
import { createHmac, createSecretKey, randomUUID, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import Fastify from 'fastify';
import pg from 'pg';

// The app's message texts (libs/platform/src/http/messages.ts) that these routes answer.
const Messages = {
  BAD_REQUEST: 'The browser (or proxy) sent a request that this server could not understand.',
  URL_NOT_FOUND:
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  INTERNAL_SERVER_ERROR: 'Internal Server Error',
  PAYLOAD_TOO_LARGE: 'The data value transmitted exceeds the capacity limit.',
  AUTHORISATION_TOKEN_IS_MISSING: 'The authorization token is missing!',
  TOKEN_IS_INVALID: 'The token is invalid!',
  TOKEN_HAS_EXPIRED: 'The token has expired! Please, login again or refresh it.',
  TOKEN_HAS_BEEN_REVOKED: 'The token has been revoked! Please, login again.',
  USERNAME_FIELD_IS_MISSING: 'The field username is missing.',
  PASSWORD_FIELD_IS_MISSING: 'Password field is missing.',
  WRONG_USERNAME_OR_PASSWORD: 'Username or password is wrong.',
  USER_HAS_NOT_VERIFIED_EMAIL_BEFORE_LOGIN: 'Please verify your email before login.',
  USER_NOT_FOUND: 'User not found.',
  USER_DOES_NOT_EXIST: 'User does not exist.',
  INVALID_QUERY_PARAMETER: 'The {field_name} query parameter is invalid.',
  FIELD_MUST_BE_STRING: 'The {field_name} field must be a string.',
  FIELD_HAS_INVALID_CHARACTERS: 'The {field_name} field contains characters that are not allowed.',
  MENTOR_ID_FIELD_IS_MISSING: 'Mentor ID field is missing.',
  MENTEE_ID_FIELD_IS_MISSING: 'Mentee ID field is missing.',
  END_DATE_FIELD_IS_MISSING: 'End date field is missing.',
  NOTES_FIELD_IS_MISSING: 'Notes field is missing.',
  MATCH_EITHER_MENTOR_OR_MENTEE: 'Your ID has to match either Mentor or Mentee IDs.',
  MENTOR_ID_SAME_AS_MENTEE_ID: 'You cannot have a mentorship relation with yourself.',
  INVALID_END_DATE: 'Validation error. End date represented by the timestamp is invalid.',
  END_TIME_BEFORE_PRESENT: 'End date is invalid since date has passed.',
  MENTOR_TIME_GREATER_THAN_MAX_TIME: 'Mentorship relation maximum duration is 6 months.',
  MENTOR_TIME_LESS_THAN_MIN_TIME: 'Mentorship relation minimum duration is 4 week.',
  MENTOR_DOES_NOT_EXIST: 'Mentor user does not exist.',
  MENTEE_DOES_NOT_EXIST: 'Mentee user does not exist.',
  MENTOR_NOT_AVAILABLE_TO_MENTOR: 'Mentor user is not available to mentor.',
  MENTEE_NOT_AVAIL_TO_BE_MENTORED: 'Mentee user is not available to be mentored.',
  MENTOR_ALREADY_IN_A_RELATION: 'Mentor user is already in a relationship.',
  MENTEE_ALREADY_IN_A_RELATION: 'Mentee user is already in a relationship.',
  MENTORSHIP_REQUEST_ALREADY_PENDING: 'A pending mentorship request between these users already exists.',
  MENTORSHIP_RELATION_WAS_SENT_SUCCESSFULLY: 'Mentorship relation was sent successfully.',
  MENTORSHIP_RELATION_DOES_NOT_EXIST: 'Mentorship relation does not exist.',
  USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION: 'You are not involved in this mentorship relation.',
  UNACCEPTED_STATE_RELATION: 'This mentorship relation status is not in the accepted state.',
  TASK_DOES_NOT_EXIST: 'Task does not exist.',
  TASK_WAS_ALREADY_ACHIEVED: 'Task was already achieved.',
  DESCRIPTION_FIELD_IS_MISSING: 'Description field is missing.',
  COMMENT_FIELD_IS_MISSING: 'Comment field is missing.',
  COMMENT_NOT_IN_STRING_FORMAT: 'Comment must be in string format.',
  TASK_WAS_CREATED_SUCCESSFULLY: 'Task was created successfully.',
  TASK_WAS_ACHIEVED_SUCCESSFULLY: 'Task was achieved successfully.',
  TASK_COMMENT_WAS_CREATED_SUCCESSFULLY: 'Task comment was created successfully.',
};

const format = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);
const lengthMessage = (field, min, max) =>
  min <= 0
    ? `The ${field} field has to be shorter than ${max + 1} characters.`
    : `The ${field} field has to be longer than ${min - 1} characters and shorter than ${max + 1} characters.`;

/** An answer other than success: `{"message": text}` with a status. */
class Failure extends Error {
  constructor(status, message, body = { message }) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

const RelationState = { PENDING: 1, ACCEPTED: 2, REJECTED: 3, CANCELLED: 4, COMPLETED: 5 };
const STATE_BY_NAME = { PENDING: 1, ACCEPTED: 2, REJECTED: 3, CANCELLED: 4, COMPLETED: 5 };
const GROUP_OF_STATE = { 1: 'pending', 2: 'accepted', 3: 'rejected', 4: 'cancelled', 5: 'completed' };
const WEEK_SECONDS = 7 * 86_400;
const MIN_DURATION_SECONDS = 4 * WEEK_SECONDS;
const MAX_DURATION_SECONDS = 24 * WEEK_SECONDS;
const MIN_TIMESTAMP = -62_135_596_800;
const MAX_TIMESTAMP = 253_402_300_799;
const MAX_NOTES_LENGTH = 400;
const MAX_TEXT_LENGTH = 400;
const EMAIL_PATTERN = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,100}$/;
/** The app's argon2id parameters (libs/accounts/src/domain/password-hashing.ts). */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

const isRowId = (id) => Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647;
const isObject = (body) => typeof body === 'object' && body !== null && !Array.isArray(body);
const hasForbiddenCharacters = (text) => text.includes('\u0000') || !text.isWellFormed();
const epochSeconds = () => Date.now() / 1000;
const PYTHON_ONLY_WHITESPACE = new Set(['\u001c', '\u001d', '\u001e', '\u001f', '\u0085']);
const lengthWithoutWhitespace = (text) =>
  [...text].filter((char) => !/\s/u.test(char) && !PYTHON_ONLY_WHITESPACE.has(char)).length;

/** Flask's `<int:…>` converter: ASCII digits only, else the routing 404. */
function flaskInt(value) {
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) throw new Failure(404, Messages.URL_NOT_FOUND);
  return Number(value);
}

/** request.args.get(name): the first value, NULs dropped, lone surrogates replaced. */
function queryParam(query, name) {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.replaceAll('\u0000', '').toWellFormed() : undefined;
}

function pythonInt(value) {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const parsed = Number(text);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/** The directory's paging (libs/accounts/src/domain/directory.rules.ts). */
function parsePaging(page, perPage) {
  let parsedPage = pythonInt(page) ?? 1;
  if (parsedPage < 1) parsedPage = 1;
  let parsedPerPage = Math.min(pythonInt(perPage) ?? 10, 50);
  if (parsedPerPage < 0) parsedPerPage = 20;
  return { page: parsedPage, perPage: parsedPerPage };
}

const containsPattern = (text) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

function parseBooleanFilter(value) {
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no'].includes(normalised)) return false;
  return undefined;
}

/** A tag's slug (libs/accounts/src/domain/tags.ts): trimmed, whitespace collapsed, lower case. */
const tagSlug = (text) => text.trim().replace(/\s+/gu, ' ').toLowerCase();

/** min_rating / min_mentee_rating (libs/accounts/src/domain/ratings.ts): 1–5, undefined when absent, null when bad. */
function parseMinRating(value) {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (!/^\d{1,2}(\.\d{1,6})?$/.test(text)) return null;
  const parsed = Number(text);
  return parsed >= 1 && parsed <= 5 ? parsed : null;
}

const ratingAverage = (count, total) => (count > 0 ? Math.round((total / count) * 100) / 100 : null);

/** A directory row with the app's `ratings` (only when rated in some role), as presentPublicUser adds it. */
function withRatings(row) {
  const mentorCount = Number(row.mentor_rating_count);
  const menteeCount = Number(row.mentee_rating_count);
  if (mentorCount > 0 || menteeCount > 0) {
    row.ratings = {
      as_mentor: { average: ratingAverage(mentorCount, Number(row.mentor_rating_total)), count: mentorCount },
      as_mentee: { average: ratingAverage(menteeCount, Number(row.mentee_rating_total)), count: menteeCount },
    };
  }
  return row;
}

/**
 * GET /users/recommended's scoring (libs/mentorship/src/domain/recommendation.rules.ts): +3 per
 * overlapping tag, +2 when in no accepted relation, -0.5 per pending request received (at most
 * -2), +1 for the same location, (average - 3) x 0.5 when rated in the role.
 */
function scoreCandidate(direction, facts) {
  let score = 0;
  const reasons = [];
  for (const label of facts.overlap) {
    score += 3;
    reasons.push(
      direction === 'mentor' ? `teaches ${label}, which you want to learn` : `wants to learn ${label}, which you teach`,
    );
  }
  if (!facts.inAcceptedRelation) {
    score += 2;
    reasons.push('is free to start a mentorship');
  }
  if (facts.pendingReceived > 0) {
    score -= Math.min(facts.pendingReceived * 0.5, 2);
    reasons.push(
      facts.pendingReceived === 1
        ? 'already has 1 pending request'
        : `already has ${facts.pendingReceived} pending requests`,
    );
  }
  if (facts.sharedLocation) {
    score += 1;
    reasons.push(`is also in ${facts.sharedLocation}`);
  }
  if (facts.ratingCount > 0) {
    const average = facts.ratingTotal / facts.ratingCount;
    score += (average - 3) * 0.5;
    const raters = direction === 'mentor' ? 'mentee' : 'mentor';
    reasons.push(
      `rated ${Math.round(average * 100) / 100} by ${facts.ratingCount} ${raters}${facts.ratingCount === 1 ? '' : 's'}`,
    );
  }
  return { score: Math.round(score * 100) / 100, reasons };
}

function sameLocation(a, b) {
  const x = a?.trim().toLowerCase();
  const y = b?.trim().toLowerCase();
  return !!x && x === y;
}

/** Matches are counted exactly up to this many, or to the end of the page (libs/platform/src/http/pagination.ts). */
const EXACT_TOTAL_LIMIT = 1000;
const totalCountBound = (page, perPage) => Math.max(EXACT_TOTAL_LIMIT, page * perPage) + 1;

/**
 * X-Total-Count and the RFC 8288 Link header, as libs/platform/src/http/pagination.ts writes them
 * (total null: more matches than counted, so no X-Total-Count and no last).
 */
function setPaginationHeaders(request, reply, page, perPage, total) {
  if (total !== null) reply.header('X-Total-Count', String(total));
  if (perPage <= 0) return;
  const requestUrl = new URL(request.url, `${request.protocol}://${request.host}`);
  const last = total === null ? undefined : Math.max(1, Math.ceil(total / perPage));
  const link = (target, rel) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(last === undefined ? page - 1 : Math.min(page - 1, last), 'prev'));
  if (last === undefined || page < last) links.push(link(page + 1, 'next'));
  if (last !== undefined) links.push(link(last, 'last'));
  reply.header('Link', links.join(', '));
}

// ---------------------------------------------------------------------------------------------
// Tokens: HS256 JWTs with the claims flask-jwt-extended 3.x writes (libs/platform/src/auth).

function createTokens(jwtSecret, { accessTtlSeconds, refreshTtlSeconds }) {
  const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const key = createSecretKey(Buffer.from(jwtSecret, 'utf8')); // made once, not per HMAC
  const signature = (unsigned) => createHmac('sha256', key).update(unsigned).digest('base64url');

  function sign(claims) {
    const unsigned = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${unsigned}.${signature(unsigned)}`;
  }

  /** The claims of a valid token, or a 401 with the text passport-jwt's failure maps to. */
  function verify(token) {
    const parts = token.split('.');
    if (parts.length !== 3) throw new Failure(401, Messages.TOKEN_IS_INVALID);
    let header;
    let claims;
    try {
      header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new Failure(401, Messages.TOKEN_IS_INVALID);
    }
    if (!isObject(header) || header.alg !== 'HS256' || !isObject(claims)) {
      throw new Failure(401, Messages.TOKEN_IS_INVALID);
    }
    const expected = Buffer.from(signature(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new Failure(401, Messages.TOKEN_IS_INVALID);
    }
    // jsonwebtoken's order: signature, then nbf, then exp (no clock tolerance).
    const now = Math.floor(Date.now() / 1000);
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) {
      throw new Failure(401, Messages.TOKEN_IS_INVALID);
    }
    if (claims.exp !== undefined) {
      if (typeof claims.exp !== 'number') throw new Failure(401, Messages.TOKEN_IS_INVALID);
      if (now >= claims.exp) throw new Failure(401, Messages.TOKEN_HAS_EXPIRED);
    }
    return claims;
  }

  function issue(userId, type, { sessionId, fresh = false, tokenId } = {}) {
    const now = Math.floor(Date.now() / 1000);
    return sign({
      iat: now,
      nbf: now,
      jti: tokenId ?? randomUUID(),
      exp: now + (type === 'access' ? accessTtlSeconds : refreshTtlSeconds),
      identity: userId,
      fresh,
      type,
      ...(sessionId ? { sid: sessionId } : {}),
    });
  }

  return { verify, issue };
}

/** The Authorization header's token: null when absent, a sentinel that fails verification when malformed. */
function bearerToken(request) {
  const header = request.headers.authorization;
  if (header === undefined || header === '') return null;
  const parts = header.trim().split(/\s+/);
  return parts.length === 2 && parts[0] === 'Bearer' ? parts[1] : 'malformed-authorization-header';
}

// ---------------------------------------------------------------------------------------------
// SQL. Named statements are parsed and planned once per connection. Every statement of an
// authenticated route also answers the token guard's question (one primary-key lookup of the
// session row, or none for a token without a session), so a request costs one round trip, and a
// write only lands when the session is open.

/** True when the token names no session ($sid null) or an open session of the caller. */
const sessionOpen = (sid, user) =>
  `(${sid}::uuid is null or exists(select 1 from sessions where id = ${sid}::uuid and user_id = ${user}
     and revoked_at is null and expires_at > now()))`;

const SESSION_IS_OPEN = { name: 'floor_session', text: `select ${sessionOpen('$1', '$2')} as session_open` };

const LOGIN_BY_USERNAME = {
  name: 'floor_login_username',
  text: `select id, password_hash, is_email_verified from users where username = $1 and deleted_at is null`,
};
const LOGIN_BY_EMAIL = {
  name: 'floor_login_email',
  text: `select id, password_hash, is_email_verified from users where email = $1 and deleted_at is null`,
};

/**
 * The caller ($1, live or user_id null), counts by state and the last three achievements
 * (libs/tasks/src/domain/task-lists.provider.ts).
 */
const HOME = {
  name: 'floor_home',
  text: `
    select ${sessionOpen('$2', '$1')} as session_open, u.id as user_id, u.name,
           c.pending, c.accepted, c.rejected, c.completed, c.cancelled,
           a.number, a.description, a.created_at, a.completed_at
      from (select 1) one
      left join users u on u.id = $1 and u.deleted_at is null
     cross join lateral (
           select count(*) filter (where state = 1)::int as pending,
                  count(*) filter (where state = 2)::int as accepted,
                  count(*) filter (where state = 3)::int as rejected,
                  count(*) filter (where state = 5)::int as completed,
                  count(*) filter (where state = 4)::int as cancelled
             from mentorship_relations where mentor_id = $1 or mentee_id = $1) c
      left join lateral (
           select t.number, t.description, t.created_at, t.completed_at
             from tasks t join mentorship_relations r on r.id = t.relation_id
            where t.is_done and (r.mentor_id = $1 or r.mentee_id = $1)
            order by (r.mentor_id = $1) asc, r.id desc, t.number desc
            limit 3) a on true`,
};

/**
 * The caller ($1; caller_id null when gone) and their relations with both parties (deleted
 * accounts included), as mentor first, each by id; r.id null when there are none. For the
 * dashboard, an ACCEPTED relation carries its tasks as JSON.
 */
const relationsSql = (withTasks, withState) => `
    select ${sessionOpen('$2', '$1')} as session_open, caller.id as caller_id,
           r.id, r.action_user_id, r.mentor_id, r.mentee_id, r.creation_date, r.accept_date, r.start_date,
           r.end_date, r.state, r.notes,
           mentor.name as mentor_name, mentor.photo_url as mentor_photo_url,
           mentee.name as mentee_name, mentee.photo_url as mentee_photo_url${
             withTasks
               ? `,
           case when r.state = 2 then (
             select coalesce(json_agg(json_build_object('id', t.number, 'description', t.description,
                      'created_at', t.created_at, 'completed_at', t.completed_at, 'is_done', t.is_done)
                      order by t.number), '[]'::json)
               from tasks t where t.relation_id = r.id) end as tasks`
               : ''
           }
      from (select 1) one
      left join users caller on caller.id = $1 and caller.deleted_at is null
      left join mentorship_relations r
             on caller.id is not null and (r.mentor_id = $1 or r.mentee_id = $1)${withState ? ' and r.state = $3' : ''}
      left join users mentor on mentor.id = r.mentor_id
      left join users mentee on mentee.id = r.mentee_id
     order by (r.mentor_id = $1) desc, r.id`;

const DASHBOARD = { name: 'floor_dashboard', text: relationsSql(true, false) };
const RELATIONS = { name: 'floor_relations', text: relationsSql(false, false) };

/** The recommendation caller ($1, id null when gone) with their tags in order. */
const RECOMMEND_CALLER = {
  name: 'floor_recommend_caller',
  text: `
    select ${sessionOpen('$2', '$1')} as session_open, u.id, u.location, u.need_mentoring, u.available_to_mentor,
           coalesce((select json_agg(json_build_object('kind', ut.kind, 'tag_id', ut.tag_id, 'label', t.label)
                                     order by ut.kind, ut.position)
                       from user_tags ut join tags t on t.id = ut.tag_id where ut.user_id = u.id), '[]') as tags
      from (select 1) one left join users u on u.id = $1 and u.deleted_at is null`,
};

/**
 * One direction's candidates for caller $1 with the caller's wanted tag ids $2: the 100 newest
 * eligible holders of each tag and the 100 newest eligible members open to the direction (as the
 * app's pool), each with its public columns and the facts the score needs.
 */
const recommendSql = (candidateKind, flag) => {
  const eligible = (alias) => `${alias}.deleted_at is null and ${alias}.is_email_verified and ${alias}.${flag}
         and ${alias}.id <> $1 and ${alias}.id not in (select id from excluded)`;
  return `
    with excluded as (
      select blocked_id as id from user_blocks where blocker_id = $1
      union select blocker_id from user_blocks where blocked_id = $1
      union select case when mentor_id = $1 then mentee_id else mentor_id end from mentorship_relations
       where (mentor_id = $1 or mentee_id = $1) and state in (1, 2)
    ), pool as (
      select h.id from unnest($2::int[]) t(tag_id) cross join lateral (
        select ut.user_id as id from user_tags ut
         cross join lateral (select 1 from users c where c.id = ut.user_id and ${eligible('c')} offset 0) ok
         where ut.kind = '${candidateKind}' and ut.tag_id = t.tag_id
         order by ut.user_id desc limit 100) h
      union (select o.id from users o where ${eligible('o')} order by o.id desc limit 100)
    )
    select u.id, u.username, u.name, u.slack_username, u.bio, u.location, u.occupation, u.organization,
           u.interests, u.skills, u.need_mentoring, u.available_to_mentor, u.registration_date,
           u.mentor_rating_count, u.mentor_rating_total, u.mentee_rating_count, u.mentee_rating_total,
           array(select ut.tag_id from user_tags ut
                  where ut.user_id = u.id and ut.kind = '${candidateKind}' and ut.tag_id = any($2::int[])) as tag_ids,
           exists (select 1 from active_mentorships am where am.user_id = u.id) as in_accepted,
           (select count(*)::int from mentorship_relations r
             where r.state = 1 and r.action_user_id <> u.id and (r.mentor_id = u.id or r.mentee_id = u.id)) as pending_received
      from users u where u.id in (select id from pool)`;
};

const RECOMMEND_DIRECTIONS = {
  mentor: {
    callerKind: 'interest',
    statement: { name: 'floor_recommend_mentors', text: recommendSql('skill', 'available_to_mentor') },
  },
  mentee: {
    callerKind: 'skill',
    statement: { name: 'floor_recommend_mentees', text: recommendSql('interest', 'need_mentoring') },
  },
};
const RELATIONS_OF_STATE = { name: 'floor_relations_state', text: relationsSql(false, true) };

/** The relation $1 (relation_id null when missing), the caller $2 alive, the tasks. */
const TASKS = {
  name: 'floor_tasks',
  text: `
    select ${sessionOpen('$3', '$2')} as session_open, r.id as relation_id, r.mentor_id, r.mentee_id,
           exists(select 1 from users where id = $2 and deleted_at is null) as caller_live,
           t.number, t.description, t.created_at, t.completed_at, t.created_by
      from (select 1) one
      left join mentorship_relations r on r.id = $1
      left join tasks t on t.relation_id = r.id
     order by t.number`,
};

/** The relation $1, its task numbered $2, the comments with their authors' names (paged: $5/$6). */
const commentsSql = (paged) => `
    select ${sessionOpen('$4', '$3')} as session_open, r.id as relation_id, r.mentor_id, r.mentee_id, r.state,
           t.id as task_row,${
             paged
               ? ` (select count(*)::int from task_comments where task_id = t.id and relation_id = r.id) as total,`
               : ''
           }
           c.id, c.user_id, u.name as user_name, c.creation_date, c.modification_date, c.comment
      from (select 1) one
      left join mentorship_relations r on r.id = $1
      left join tasks t on t.relation_id = r.id and t.number = $2
      left join lateral (
           select * from task_comments c where c.task_id = t.id and c.relation_id = r.id
            order by c.id${paged ? ' limit $5 offset $6' : ''}) c on true
      left join users u on u.id = c.user_id
     order by c.id`;
const COMMENTS = { name: 'floor_comments', text: commentsSql(false) };
const COMMENTS_PAGED = { name: 'floor_comments_paged', text: commentsSql(true) };

/** An outbox row already processed: the floor has no relay, and the app must not deliver it. */
const outboxInsert = (eventType, payloadSql, metaSql, from) => `
    insert into outbox (event_id, event_type, payload, meta, occurred_at, available_at, processed_at)
    select gen_random_uuid(), '${eventType}', ${payloadSql}, ${metaSql}::jsonb, now(), now(), now() from ${from}`;

/**
 * POST …/task in one statement: the session, the relation, the caller alive, ACCEPTED, a party
 * (403), the next number from the counter row (which serialises concurrent creations), the task,
 * its event.
 */
const CREATE_TASK = {
  name: 'floor_create_task',
  text: `
    with session as (select ${sessionOpen('$6', '$2')} as open),
    rel as (select id, mentor_id, mentee_id, state from mentorship_relations where id = $1),
    caller as (select exists(select 1 from users where id = $2 and deleted_at is null) as live),
    allowed as (
      select rel.* from rel, caller, session
       where session.open and caller.live and rel.state = 2 and $2 in (rel.mentor_id, rel.mentee_id)),
    counter as (
      insert into task_counters (relation_id, next_number) select id, 2 from allowed
      on conflict (relation_id) do update set next_number = task_counters.next_number + 1
      returning next_number - 1 as number),
    task as (
      insert into tasks (relation_id, number, description, is_done, created_at, created_by)
      select $1, number, $3::text, false, $4::float8, $2 from counter returning number),
    event as (${outboxInsert(
      'tasks.task_created',
      `jsonb_build_object('relationId', a.id, 'mentorId', a.mentor_id, 'menteeId', a.mentee_id,
                          'taskNumber', task.number, 'description', $3::text)`,
      '$5',
      'allowed a, task',
    )})
    select session.open as session_open, rel.id as relation_id, rel.mentor_id, rel.mentee_id, rel.state,
           caller.live, (select number from task) as number
      from session cross join caller left join rel on true`,
};

/** PUT …/complete in one statement; the update only lands on a task not yet done. */
const COMPLETE_TASK = {
  name: 'floor_complete_task',
  text: `
    with session as (select ${sessionOpen('$6', '$3')} as open),
    rel as (select id, mentor_id, mentee_id from mentorship_relations where id = $1),
    caller as (select exists(select 1 from users where id = $3 and deleted_at is null) as live),
    task as (select id, is_done from tasks where relation_id = $1 and number = $2),
    done as (
      update tasks t set is_done = true, completed_at = $4::float8
        from rel, caller, session
       where t.relation_id = $1 and t.number = $2 and not t.is_done
         and session.open and caller.live and $3 in (rel.mentor_id, rel.mentee_id)
      returning t.number, t.description),
    event as (${outboxInsert(
      'tasks.task_completed',
      `jsonb_build_object('relationId', rel.id, 'mentorId', rel.mentor_id, 'menteeId', rel.mentee_id,
                          'taskNumber', done.number, 'description', done.description)`,
      '$5',
      'done, rel',
    )})
    select session.open as session_open, rel.id as relation_id, rel.mentor_id, rel.mentee_id, caller.live,
           task.id as task_row, task.is_done, exists(select 1 from done) as completed
      from session cross join caller left join rel on true left join task on true`,
};

/** POST …/comment in one statement: relation, party (401), ACCEPTED (403), task (404), comment, event. */
const CREATE_COMMENT = {
  name: 'floor_create_comment',
  text: `
    with session as (select ${sessionOpen('$7', '$3')} as open),
    rel as (select id, mentor_id, mentee_id, state from mentorship_relations where id = $1),
    task as (select id, number, description from tasks where relation_id = $1 and number = $2),
    allowed as (
      select rel.*, task.id as task_row, task.number, task.description from rel, task, session
       where session.open and rel.state = 2 and $3 in (rel.mentor_id, rel.mentee_id)),
    comment as (
      insert into task_comments (task_id, relation_id, user_id, comment, creation_date)
      select task_row, $1, $3, $4::text, $5::float8 from allowed returning id),
    event as (${outboxInsert(
      'tasks.task_commented',
      `jsonb_build_object('relationId', a.id, 'mentorId', a.mentor_id, 'menteeId', a.mentee_id,
                          'taskNumber', a.number, 'description', a.description,
                          'commentId', comment.id, 'comment', $4::text)`,
      '$6',
      'allowed a, comment',
    )})
    select session.open as session_open, rel.id as relation_id, rel.mentor_id, rel.mentee_id, rel.state,
           task.id as task_row, (select id from comment) as comment_id
      from session left join rel on true left join task on true`,
};

/**
 * POST /mentorship_relation/send_request as one simple-protocol message, so one implicit
 * transaction in one round trip: the app's advisory lock on the pair first, then (a new snapshot,
 * which sees requests committed while waiting) the session, the checks and the insert. Every value
 * is a checked number, a checked UUID or an escaped literal.
 */
function sendRequestSql({ sid, mentorId, menteeId, callerId, now, endDate, notes, meta }) {
  return `
    select pg_advisory_xact_lock(${mentorId}, ${menteeId});
    with mentor as (select id, available_to_mentor from users where id = ${mentorId} and deleted_at is null),
    mentee as (select id, need_mentoring from users where id = ${menteeId} and deleted_at is null),
    checks as (
      select ${sessionOpen(sid === null ? 'null' : `'${sid}'`, callerId)} as session_open,
             exists(select 1 from mentor) as mentor_found,
             coalesce((select available_to_mentor from mentor), false) as mentor_available,
             exists(select 1 from mentee) as mentee_found,
             coalesce((select need_mentoring from mentee), false) as mentee_available,
             exists(select 1 from active_mentorships where user_id = ${mentorId}) as mentor_busy,
             exists(select 1 from active_mentorships where user_id = ${menteeId}) as mentee_busy,
             exists(select 1 from mentorship_relations
                     where mentor_id = ${mentorId} and mentee_id = ${menteeId} and state = 1
                       and end_date > ${now}::float8) as pending),
    relation as (
      insert into mentorship_relations (mentor_id, mentee_id, action_user_id, creation_date, end_date, state, notes)
      select ${mentorId}, ${menteeId}, ${callerId}, ${now}::float8, ${endDate}::float8, 1, ${notes}
        from checks
       where session_open and mentor_found and mentor_available and mentee_found and mentee_available
         and not mentor_busy and not mentee_busy and not pending
      returning id),
    event as (${outboxInsert(
      'mentorship.relation_requested',
      `jsonb_build_object('relationId', relation.id, 'mentorId', ${mentorId}, 'menteeId', ${menteeId},
                          'actionUserId', ${callerId}, 'endDate', ${endDate}::float8, 'notes', ${notes}::text)`,
      meta,
      'relation',
    )})
    select checks.*, (select id from relation) as relation_id from checks`;
}

// ---------------------------------------------------------------------------------------------
// Response schemas (fast-json-stringify).

const nullable = (type) => ({ type: [type, 'null'] });
const publicUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    username: nullable('string'),
    name: nullable('string'),
    slack_username: nullable('string'),
    bio: nullable('string'),
    location: nullable('string'),
    occupation: nullable('string'),
    organization: nullable('string'),
    interests: nullable('string'),
    skills: nullable('string'),
    need_mentoring: { type: 'boolean' },
    available_to_mentor: { type: 'boolean' },
    is_available: nullable('boolean'),
    registration_date: { type: 'number' },
    ratings: {
      type: 'object',
      properties: Object.fromEntries(
        ['as_mentor', 'as_mentee'].map((role) => [
          role,
          { type: 'object', properties: { average: nullable('number'), count: { type: 'integer' } } },
        ]),
      ),
    },
  },
};
const recommendedUserSchema = {
  type: 'object',
  properties: {
    ...publicUserSchema.properties,
    score: { type: 'number' },
    reasons: { type: 'array', items: { type: 'string' } },
  },
};
const relationSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    action_user_id: { type: 'integer' },
    sent_by_me: { type: 'boolean' },
    mentor: { type: 'object', properties: { id: { type: 'integer' }, name: nullable('string') } },
    mentee: { type: 'object', properties: { id: { type: 'integer' }, name: nullable('string') } },
    creation_date: { type: 'number' },
    accept_date: nullable('number'),
    start_date: nullable('number'),
    end_date: { type: 'number' },
    state: { type: 'integer' },
    notes: { type: 'string' },
  },
};
const dashboardPartySchema = {
  type: 'object',
  properties: { id: { type: 'integer' }, user_name: nullable('string'), photo_url: nullable('string') },
};
const dashboardRelationSchema = {
  type: 'object',
  properties: { ...relationSchema.properties, mentor: dashboardPartySchema, mentee: dashboardPartySchema },
};
delete dashboardRelationSchema.properties.sent_by_me;
const stateGroupsSchema = {
  type: 'object',
  properties: Object.fromEntries(
    ['accepted', 'rejected', 'completed', 'cancelled', 'pending'].map((group) => [
      group,
      { type: 'array', items: dashboardRelationSchema },
    ]),
  ),
};
const dashboardTaskSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    description: { type: 'string' },
    created_at: { type: 'number' },
    completed_at: nullable('number'),
  },
};
const roleSchema = { type: 'object', properties: { sent: stateGroupsSchema, received: stateGroupsSchema } };
const dashboardSchema = {
  type: 'object',
  properties: {
    as_mentor: roleSchema,
    as_mentee: roleSchema,
    tasks_todo: { type: 'array', items: dashboardTaskSchema },
    tasks_done: { type: 'array', items: dashboardTaskSchema },
  },
};
const homeSchema = {
  type: 'object',
  properties: {
    name: nullable('string'),
    pending_requests: { type: 'integer' },
    accepted_requests: { type: 'integer' },
    rejected_requests: { type: 'integer' },
    completed_relations: { type: 'integer' },
    cancelled_relations: { type: 'integer' },
    achievements: {
      type: 'array',
      items: {
        type: 'object',
        properties: { ...dashboardTaskSchema.properties, is_done: { type: 'boolean' } },
      },
    },
  },
};
const taskSchema = {
  type: 'object',
  properties: { ...dashboardTaskSchema.properties, created_by: nullable('integer') },
};
const commentSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    user_id: { type: 'integer' },
    user_name: nullable('string'),
    task_id: { type: 'integer' },
    relation_id: { type: 'integer' },
    creation_date: { type: 'number' },
    modification_date: nullable('number'),
    comment: { type: 'string' },
  },
};
const messageSchema = { type: 'object', properties: { message: { type: 'string' } } };
const ok = (schema) => ({ response: { 200: schema } });
const created = { response: { 201: messageSchema } };

// ---------------------------------------------------------------------------------------------

const presentRelation = (row, callerId) => ({
  id: row.id,
  action_user_id: row.action_user_id,
  sent_by_me: row.action_user_id === callerId,
  mentor: { id: row.mentor_id, name: row.mentor_name },
  mentee: { id: row.mentee_id, name: row.mentee_name },
  creation_date: row.creation_date,
  accept_date: row.accept_date,
  start_date: row.start_date,
  end_date: row.end_date,
  state: row.state,
  notes: row.notes,
});

const presentDashboardRelation = (row) => ({
  id: row.id,
  action_user_id: row.action_user_id,
  mentor: { id: row.mentor_id, user_name: row.mentor_name, photo_url: row.mentor_photo_url },
  mentee: { id: row.mentee_id, user_name: row.mentee_name, photo_url: row.mentee_photo_url },
  creation_date: row.creation_date,
  accept_date: row.accept_date,
  start_date: row.start_date,
  end_date: row.end_date,
  state: row.state,
  notes: row.notes,
});

const emptyGroups = () => ({ accepted: [], rejected: [], completed: [], cancelled: [], pending: [] });

/** GET /mentorship_relations' query (libs/mentorship/src/domain/relation-state.ts stateFilterOf). */
function stateFilterOf(query) {
  if (Object.keys(query).length === 0) return undefined;
  if (!('relation_state' in query)) throw new Failure(400, Messages.BAD_REQUEST);
  const raw = Array.isArray(query.relation_state) ? query.relation_state[0] : query.relation_state;
  if (typeof raw !== 'string' || raw === '') return undefined;
  const state = Object.hasOwn(STATE_BY_NAME, raw.toUpperCase()) ? STATE_BY_NAME[raw.toUpperCase()] : undefined;
  if (state === undefined) throw new Failure(400, '', []);
  return state;
}

/** The checks of send_request that need no database (libs/mentorship/src/domain/relation.rules.ts). */
function checkSendRequest(body, callerId, nowSeconds) {
  if (!isObject(body)) throw new Failure(400, Messages.BAD_REQUEST);
  if (!('mentor_id' in body)) throw new Failure(400, Messages.MENTOR_ID_FIELD_IS_MISSING);
  if (!('mentee_id' in body)) throw new Failure(400, Messages.MENTEE_ID_FIELD_IS_MISSING);
  if (!('end_date' in body)) throw new Failure(400, Messages.END_DATE_FIELD_IS_MISSING);
  if (!('notes' in body)) throw new Failure(400, Messages.NOTES_FIELD_IS_MISSING);
  const { mentor_id: mentorId, mentee_id: menteeId, notes } = body;
  if (mentorId !== callerId && menteeId !== callerId) throw new Failure(400, Messages.MATCH_EITHER_MENTOR_OR_MENTEE);
  if (mentorId === menteeId) throw new Failure(400, Messages.MENTOR_ID_SAME_AS_MENTEE_ID);
  const endDate = typeof body.end_date === 'boolean' ? Number(body.end_date) : body.end_date;
  if (typeof endDate !== 'number' || !Number.isFinite(endDate) || endDate < MIN_TIMESTAMP || endDate > MAX_TIMESTAMP) {
    throw new Failure(400, Messages.INVALID_END_DATE);
  }
  const duration = endDate - nowSeconds;
  if (duration < 0) throw new Failure(400, Messages.END_TIME_BEFORE_PRESENT);
  if (duration > MAX_DURATION_SECONDS) throw new Failure(400, Messages.MENTOR_TIME_GREATER_THAN_MAX_TIME);
  if (duration < MIN_DURATION_SECONDS) throw new Failure(400, Messages.MENTOR_TIME_LESS_THAN_MIN_TIME);
  if (typeof notes !== 'string') throw new Failure(400, format(Messages.FIELD_MUST_BE_STRING, { field_name: 'notes' }));
  if (notes.length > MAX_NOTES_LENGTH) throw new Failure(400, lengthMessage('notes', 0, MAX_NOTES_LENGTH));
  if (hasForbiddenCharacters(notes)) {
    throw new Failure(400, format(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: 'notes' }));
  }
  const asUserId = (value) => (typeof value === 'number' && isRowId(value) ? value : null);
  return { mentorId: asUserId(mentorId), menteeId: asUserId(menteeId), endDate, notes };
}

function checkDescription(body) {
  if (!isObject(body)) throw new Failure(400, Messages.BAD_REQUEST);
  if (!('description' in body)) throw new Failure(400, Messages.DESCRIPTION_FIELD_IS_MISSING);
  const value = body.description;
  if (typeof value !== 'string') {
    throw new Failure(400, format(Messages.FIELD_MUST_BE_STRING, { field_name: 'description' }));
  }
  if (hasForbiddenCharacters(value)) {
    throw new Failure(400, format(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: 'description' }));
  }
  const description = value.trim();
  if (description.length < 1 || description.length > MAX_TEXT_LENGTH) {
    throw new Failure(400, lengthMessage('description', 1, MAX_TEXT_LENGTH));
  }
  return description;
}

function checkComment(body) {
  if (!isObject(body)) throw new Failure(400, Messages.BAD_REQUEST);
  if (!('comment' in body)) throw new Failure(400, Messages.COMMENT_FIELD_IS_MISSING);
  const value = body.comment;
  if (typeof value !== 'string') throw new Failure(400, Messages.COMMENT_NOT_IN_STRING_FORMAT);
  if (lengthWithoutWhitespace(value) > MAX_TEXT_LENGTH) {
    throw new Failure(400, lengthMessage('comment', 0, MAX_TEXT_LENGTH));
  }
  if (hasForbiddenCharacters(value)) {
    throw new Failure(400, format(Messages.FIELD_HAS_INVALID_CHARACTERS, { field_name: 'comment' }));
  }
  return value;
}

/** The X-Request-Id when it looks sane, else a new one (for the events' meta). */
function requestIdOf(request) {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : randomUUID();
}

const eventMeta = (request, actorId) => JSON.stringify({ actorId, requestId: requestIdOf(request) });

// ---------------------------------------------------------------------------------------------

/**
 * Starts the floor on `host:port` (0 = any free port).
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startFloor({
  databaseUrl,
  port = 0,
  host = '127.0.0.1',
  jwtSecret,
  poolSize = 10,
  accessTtlSeconds = 600,
  refreshTtlSeconds = 4 * 7 * 86_400,
}) {
  if (!databaseUrl) throw new Error('startFloor: databaseUrl is required');
  if (!jwtSecret) throw new Error('startFloor: jwtSecret is required');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', () => undefined); // an idle client's error: the pool replaces it
  const query = (statement, values) => pool.query({ ...statement, values });
  const tokens = createTokens(jwtSecret, { accessTtlSeconds, refreshTtlSeconds });
  // Compared against when the user does not exist, so both failures take the same time (as the app).
  const dummyHash = await argon2Hash('timing-equaliser-not-a-password', ARGON2_OPTIONS);

  /**
   * The caller of a valid access token: `{ id, sid }`, sid null when the token names no session.
   * Whether that session is open is answered by the route's own statement (requireOpenSession);
   * a route that fails before its statement asks in the error handler, so a revoked token is a
   * 401 before anything else, as the app's guard makes it.
   */
  function authenticate(request) {
    const token = bearerToken(request);
    if (token === null) throw new Failure(401, Messages.AUTHORISATION_TOKEN_IS_MISSING);
    const claims = tokens.verify(token);
    if (claims.type !== 'access' || !Number.isSafeInteger(claims.identity) || typeof claims.jti !== 'string') {
      throw new Failure(401, Messages.TOKEN_IS_INVALID);
    }
    let sid = null;
    if (claims.sid) {
      // Only a UUID names a session row, and only a 32-bit id owns one.
      if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !isRowId(claims.identity)) {
        throw new Failure(401, Messages.TOKEN_HAS_BEEN_REVOKED);
      }
      sid = claims.sid;
    }
    const caller = { id: claims.identity, sid, sessionChecked: sid === null };
    request.caller = caller;
    return caller;
  }

  function requireOpenSession(caller, row) {
    caller.sessionChecked = true;
    if (!row.session_open) throw new Failure(401, Messages.TOKEN_HAS_BEEN_REVOKED);
  }

  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8_192 },
    forceCloseConnections: true,
  });
  app.decorateRequest('caller', null);

  // JSON bodies only, as the app: anything else with a body is the generic 400.
  app.addContentTypeParser('*', (_request, _payload, done) => done(new Failure(400, Messages.BAD_REQUEST)));
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ message: Messages.URL_NOT_FOUND }));
  app.setErrorHandler(async (error, request, reply) => {
    if (error instanceof Failure) {
      const caller = request.caller;
      if (caller && !caller.sessionChecked) {
        const { rows } = await query(SESSION_IS_OPEN, [caller.sid, caller.id]);
        if (!rows[0].session_open) return reply.code(401).send({ message: Messages.TOKEN_HAS_BEEN_REVOKED });
      }
      return reply.code(error.status).send(error.body);
    }
    if (error.statusCode === 413) return reply.code(413).send({ message: Messages.PAYLOAD_TOO_LARGE });
    if (error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(400).send({ message: Messages.BAD_REQUEST });
    }
    process.stderr.write(`floor: ${error.stack ?? error}\n`);
    return reply.code(500).send({ message: Messages.INTERNAL_SERVER_ERROR });
  });

  // Liveness and readiness, for process supervisors (not a benchmark scenario).
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    try {
      await pool.query('select 1');
      return { status: 'ok' };
    } catch {
      reply.code(503);
      return { status: 'error' };
    }
  });

  // POST /login, the hash-only floor: the stored hash, argon2id verify, tokens. No throttle, no
  // session row, no event: its tokens name no session (the app accepts those as well).
  app.post('/login', async (request) => {
    const body = request.body;
    if (!isObject(body)) throw new Failure(400, Messages.BAD_REQUEST);
    const { username: identifier, password } = body;
    if (!identifier) throw new Failure(400, Messages.USERNAME_FIELD_IS_MISSING);
    if (!password) throw new Failure(400, Messages.PASSWORD_FIELD_IS_MISSING);
    if (typeof identifier !== 'string') {
      throw new Failure(400, format(Messages.FIELD_MUST_BE_STRING, { field_name: 'username' }));
    }
    if (typeof password !== 'string') {
      throw new Failure(400, format(Messages.FIELD_MUST_BE_STRING, { field_name: 'password' }));
    }
    const user = hasForbiddenCharacters(identifier)
      ? undefined
      : (await query(EMAIL_PATTERN.test(identifier) ? LOGIN_BY_EMAIL : LOGIN_BY_USERNAME, [identifier])).rows[0];
    const storedHash = user?.password_hash ?? dummyHash;
    let matches = false;
    if (storedHash.startsWith('$argon2')) {
      try {
        matches = await argon2Verify(storedHash, password);
      } catch {
        matches = false;
      }
    }
    if (!user || !matches) throw new Failure(401, Messages.WRONG_USERNAME_OR_PASSWORD);
    if (!user.is_email_verified) throw new Failure(403, Messages.USER_HAS_NOT_VERIFIED_EMAIL_BEFORE_LOGIN);
    return {
      access_token: tokens.issue(user.id, 'access', { fresh: true }),
      refresh_token: tokens.issue(user.id, 'refresh'),
    };
  });

  // GET /users and /users/verified: one statement for the count, the page and who is busy.
  const directoryTexts = new Map();
  const directorySql = (key, conditions, parameterCount) => {
    let text = directoryTexts.get(key);
    if (text === undefined) {
      const where = conditions.join(' and ');
      text = `
        select ${sessionOpen('$2', '$1')} as session_open, c.total,
               u.id, u.username, u.name, u.slack_username, u.bio, u.location, u.occupation,
               u.organization, u.interests, u.skills, u.need_mentoring, u.available_to_mentor, u.registration_date,
               u.mentor_rating_count, u.mentor_rating_total, u.mentee_rating_count, u.mentee_rating_total,
               case when exists(select 1 from active_mentorships a where a.user_id = u.id) then false
                    else u.need_mentoring or u.available_to_mentor end as is_available
          from (select count(*)::int as total
                  from (select 1 from users where ${where} limit $${parameterCount - 2}) bounded) c
          left join lateral (
               select * from users where ${where} order by id
                limit $${parameterCount - 1} offset $${parameterCount}) u on true
         order by u.id`;
      directoryTexts.set(key, text);
    }
    return text;
  };
  const directory = (verifiedOnly) => async (request, reply) => {
    const caller = authenticate(request);
    const params = request.query;
    const { page, perPage } = parsePaging(queryParam(params, 'page'), queryParam(params, 'per_page'));
    const values = [caller.id, caller.sid];
    // Nobody the caller blocked, nor anyone who blocked the caller.
    const conditions = [
      'deleted_at is null',
      'id <> $1',
      `not exists (select 1 from user_blocks ub where (ub.blocker_id = $1 and ub.blocked_id = users.id)
         or (ub.blocked_id = $1 and ub.blocker_id = users.id))`,
    ];
    let key = verifiedOnly ? 'verified' : 'all'; // names the statement: one per set of filters
    let hasPattern = false;
    if (verifiedOnly) conditions.push('is_email_verified');
    const search = queryParam(params, 'search');
    if (search) {
      values.push(containsPattern(search));
      conditions.push(`(name ilike $${values.length} or username ilike $${values.length})`);
      key += '_search';
      hasPattern = true;
    }
    for (const column of ['skills', 'interests', 'location']) {
      const value = queryParam(params, column);
      if (!value) continue;
      values.push(containsPattern(value));
      conditions.push(`${column} ilike $${values.length}`);
      key += `_${column}`;
      hasPattern = true;
    }
    for (const column of ['need_mentoring', 'available_to_mentor']) {
      const value = queryParam(params, column);
      if (value === undefined || value === '') continue;
      const flag = parseBooleanFilter(value);
      if (flag === undefined) throw new Failure(400, format(Messages.INVALID_QUERY_PARAMETER, { field_name: column }));
      values.push(flag);
      conditions.push(`${column} = $${values.length}`);
      key += `_${column}`;
    }
    for (const [name, role] of [
      ['min_rating', 'mentor'],
      ['min_mentee_rating', 'mentee'],
    ]) {
      const min = parseMinRating(queryParam(params, name));
      if (min === null) throw new Failure(400, format(Messages.INVALID_QUERY_PARAMETER, { field_name: name }));
      if (min === undefined) continue;
      values.push(min);
      conditions.push(
        `${role}_rating_count > 0`,
        `(${role}_rating_total::float8 / ${role}_rating_count) >= $${values.length}::float8`,
      );
      key += `_${name}`;
    }
    for (const kind of ['skill', 'interest']) {
      const value = queryParam(params, kind);
      const slug = value ? tagSlug(value) : '';
      if (!slug) continue;
      values.push(slug);
      conditions.push(`exists (select 1 from user_tags ut where ut.kind = '${kind}'
         and ut.tag_id = (select id from tags where slug = $${values.length}) and ut.user_id = users.id)`);
      key += `_${kind}`;
    }
    const bound = totalCountBound(page, perPage);
    values.push(bound, perPage, (page - 1) * perPage);
    // A LIKE pattern's best plan depends on it (two letters: a scan; three: the trigram index), so
    // those statements are planned for each request, as the app's are; the others are prepared once.
    const text = directorySql(key, conditions, values.length);
    const { rows } = await pool.query(hasPattern ? { text, values } : { name: `floor_directory_${key}`, text, values });
    requireOpenSession(caller, rows[0]);
    setPaginationHeaders(request, reply, page, perPage, rows[0].total >= bound ? null : rows[0].total);
    return rows[0].id === null ? [] : rows.map(withRatings);
  };
  app.get('/users', { schema: ok({ type: 'array', items: publicUserSchema }) }, directory(false));
  app.get('/users/verified', { schema: ok({ type: 'array', items: publicUserSchema }) }, directory(true));

  // GET /users/recommended: the caller with their tags, then one statement per direction that takes
  // the bounded pool of eligible members and reads their facts; scored and ranked here.
  app.get('/users/recommended', { schema: ok({ type: 'array', items: recommendedUserSchema }) }, async (request) => {
    const caller = authenticate(request);
    const params = request.query;
    const limitText = queryParam(params, 'limit');
    let limit = 10;
    if (limitText !== undefined && limitText !== '') {
      limit = pythonInt(limitText);
      if (limit === undefined || limit < 1 || limit > 50) {
        throw new Failure(400, format(Messages.INVALID_QUERY_PARAMETER, { field_name: 'limit' }));
      }
    }
    const role = queryParam(params, 'role');
    if (role !== undefined && role !== 'mentor' && role !== 'mentee') {
      throw new Failure(400, format(Messages.INVALID_QUERY_PARAMETER, { field_name: 'role' }));
    }
    if (!isRowId(caller.id)) throw new Failure(404, Messages.USER_DOES_NOT_EXIST);
    const { rows: callerRows } = await query(RECOMMEND_CALLER, [caller.id, caller.sid]);
    requireOpenSession(caller, callerRows[0]);
    const me = callerRows[0];
    if (me.id === null) throw new Failure(404, Messages.USER_DOES_NOT_EXIST);
    const directions = role
      ? [role]
      : me.need_mentoring && !me.available_to_mentor
        ? ['mentor']
        : me.available_to_mentor && !me.need_mentoring
          ? ['mentee']
          : ['mentor', 'mentee'];
    const best = new Map();
    for (const direction of directions) {
      const { callerKind, statement } = RECOMMEND_DIRECTIONS[direction];
      const wanted = me.tags.filter((tag) => tag.kind === callerKind);
      const { rows } = await query(statement, [caller.id, wanted.map((tag) => tag.tag_id)]);
      for (const row of rows) {
        const overlapping = new Set(row.tag_ids);
        const recommendation = scoreCandidate(direction, {
          overlap: wanted.filter((tag) => overlapping.has(tag.tag_id)).map((tag) => tag.label),
          inAcceptedRelation: row.in_accepted,
          pendingReceived: row.pending_received,
          sharedLocation: sameLocation(row.location, me.location) ? row.location.trim() : null,
          ratingTotal: Number(row[`${direction}_rating_total`]),
          ratingCount: Number(row[`${direction}_rating_count`]),
        });
        const known = best.get(row.id);
        if (!known || recommendation.score > known.score) best.set(row.id, { ...recommendation, row });
      }
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.row.id - b.row.id)
      .slice(0, limit)
      .map(({ score, reasons, row }) => ({
        ...withRatings(row),
        is_available: row.in_accepted ? false : row.need_mentoring || row.available_to_mentor,
        score,
        reasons,
      }));
  });

  app.get('/home', { schema: ok(homeSchema) }, async (request) => {
    const caller = authenticate(request);
    if (!isRowId(caller.id)) throw new Failure(404, Messages.USER_NOT_FOUND);
    const { rows } = await query(HOME, [caller.id, caller.sid]);
    const [first] = rows;
    requireOpenSession(caller, first);
    if (first.user_id === null) throw new Failure(404, Messages.USER_NOT_FOUND);
    return {
      name: first.name,
      pending_requests: first.pending,
      accepted_requests: first.accepted,
      rejected_requests: first.rejected,
      completed_relations: first.completed,
      cancelled_relations: first.cancelled,
      achievements: rows
        .filter((row) => row.number !== null)
        .map((row) => ({
          id: row.number,
          description: row.description,
          is_done: true,
          created_at: row.created_at,
          completed_at: row.completed_at,
        }))
        .sort((a, b) => (b.completed_at ?? 0) - (a.completed_at ?? 0)),
    };
  });

  app.get('/dashboard', { schema: ok(dashboardSchema) }, async (request) => {
    const caller = authenticate(request);
    if (!isRowId(caller.id)) throw new Failure(404, Messages.USER_NOT_FOUND);
    const { rows } = await query(DASHBOARD, [caller.id, caller.sid]);
    requireOpenSession(caller, rows[0]);
    if (rows[0].caller_id === null) throw new Failure(404, Messages.USER_NOT_FOUND);
    const view = {
      as_mentor: { sent: emptyGroups(), received: emptyGroups() },
      as_mentee: { sent: emptyGroups(), received: emptyGroups() },
    };
    let current;
    for (const row of rows) {
      if (row.id === null) continue;
      const role = row.mentor_id === caller.id ? view.as_mentor : view.as_mentee;
      const direction = row.action_user_id === caller.id ? role.sent : role.received;
      direction[GROUP_OF_STATE[row.state]].push(presentDashboardRelation(row));
      if (current === undefined && row.state === RelationState.ACCEPTED) current = row;
    }
    // As the reference: the task lists only while the user is in an ACCEPTED relation.
    if (current) {
      view.tasks_todo = current.tasks.filter((task) => !task.is_done);
      view.tasks_done = current.tasks.filter((task) => task.is_done);
    }
    return view;
  });

  app.get('/mentorship_relations', { schema: ok({ type: 'array', items: relationSchema }) }, async (request) => {
    const caller = authenticate(request);
    const state = stateFilterOf(request.query);
    if (!isRowId(caller.id)) throw new Failure(404, Messages.USER_DOES_NOT_EXIST);
    const { rows } =
      state === undefined
        ? await query(RELATIONS, [caller.id, caller.sid])
        : await query(RELATIONS_OF_STATE, [caller.id, caller.sid, state]);
    requireOpenSession(caller, rows[0]);
    if (rows[0].caller_id === null) throw new Failure(404, Messages.USER_DOES_NOT_EXIST);
    return rows[0].id === null ? [] : rows.map((row) => presentRelation(row, caller.id));
  });

  app.post('/mentorship_relation/send_request', { schema: created }, async (request, reply) => {
    const caller = authenticate(request);
    const checked = checkSendRequest(request.body, caller.id, epochSeconds());
    if (checked.mentorId === null) throw new Failure(404, Messages.MENTOR_DOES_NOT_EXIST);
    const results = await pool.query(
      sendRequestSql({
        sid: caller.sid,
        mentorId: checked.mentorId,
        menteeId: checked.menteeId ?? 0,
        callerId: caller.id,
        now: epochSeconds(),
        endDate: checked.endDate,
        notes: pg.escapeLiteral(checked.notes),
        meta: pg.escapeLiteral(eventMeta(request, caller.id)),
      }),
    );
    const outcome = results[1].rows[0];
    requireOpenSession(caller, outcome);
    if (outcome.relation_id === null) {
      // The app's order of checks.
      if (!outcome.mentor_found) throw new Failure(404, Messages.MENTOR_DOES_NOT_EXIST);
      if (!outcome.mentor_available) throw new Failure(400, Messages.MENTOR_NOT_AVAILABLE_TO_MENTOR);
      if (!outcome.mentee_found) throw new Failure(404, Messages.MENTEE_DOES_NOT_EXIST);
      if (!outcome.mentee_available) throw new Failure(400, Messages.MENTEE_NOT_AVAIL_TO_BE_MENTORED);
      if (outcome.mentor_busy) throw new Failure(400, Messages.MENTOR_ALREADY_IN_A_RELATION);
      if (outcome.mentee_busy) throw new Failure(400, Messages.MENTEE_ALREADY_IN_A_RELATION);
      throw new Failure(409, Messages.MENTORSHIP_REQUEST_ALREADY_PENDING);
    }
    reply.code(201);
    return { message: Messages.MENTORSHIP_RELATION_WAS_SENT_SUCCESSFULLY };
  });

  app.get(
    '/mentorship_relation/:relation_id/tasks',
    { schema: ok({ type: 'array', items: taskSchema }) },
    async (request) => {
      const caller = authenticate(request);
      const relationId = flaskInt(request.params.relation_id);
      if (!isRowId(relationId)) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
      const { rows } = await query(TASKS, [relationId, isRowId(caller.id) ? caller.id : 0, caller.sid]);
      const [relation] = rows;
      requireOpenSession(caller, relation);
      if (relation.relation_id === null) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
      if (!relation.caller_live) throw new Failure(404, Messages.USER_DOES_NOT_EXIST);
      if (relation.mentor_id !== caller.id && relation.mentee_id !== caller.id) {
        throw new Failure(401, Messages.USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION);
      }
      return relation.number === null
        ? []
        : rows.map((row) => ({
            id: row.number,
            description: row.description,
            created_at: row.created_at,
            completed_at: row.completed_at,
            created_by: row.created_by,
          }));
    },
  );

  app.get(
    '/mentorship_relation/:relation_id/task/:task_id/comments',
    { schema: ok({ type: 'array', items: commentSchema }) },
    async (request, reply) => {
      const caller = authenticate(request);
      const relationId = flaskInt(request.params.relation_id);
      const taskNumber = flaskInt(request.params.task_id);
      if (!isRowId(relationId)) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
      const params = request.query;
      const first = (value) => (Array.isArray(value) ? value[0] : value);
      // Without page/per_page every comment, as the reference; with them, the directory's paging.
      const paging =
        params.page !== undefined || params.per_page !== undefined
          ? parsePaging(first(params.page), first(params.per_page))
          : undefined;
      const values = [relationId, isRowId(taskNumber) ? taskNumber : 0, isRowId(caller.id) ? caller.id : 0, caller.sid];
      const { rows } = paging
        ? await query(COMMENTS_PAGED, [...values, paging.perPage, (paging.page - 1) * paging.perPage])
        : await query(COMMENTS, values);
      const [relation] = rows;
      requireOpenSession(caller, relation);
      if (relation.relation_id === null) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
      if (relation.mentor_id !== caller.id && relation.mentee_id !== caller.id) {
        throw new Failure(401, Messages.USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION);
      }
      if (relation.state !== RelationState.ACCEPTED) throw new Failure(403, Messages.UNACCEPTED_STATE_RELATION);
      if (relation.task_row === null) throw new Failure(404, Messages.TASK_DOES_NOT_EXIST);
      // The first row's comment id is null when the task has no comments (on this page).
      const comments =
        relation.id === null
          ? []
          : rows.map((row) => ({
              id: row.id,
              user_id: row.user_id,
              user_name: row.user_name,
              task_id: taskNumber,
              relation_id: relationId,
              creation_date: row.creation_date,
              modification_date: row.modification_date,
              comment: row.comment,
            }));
      if (paging) setPaginationHeaders(request, reply, paging.page, paging.perPage, relation.total);
      else reply.header('X-Total-Count', String(comments.length));
      return comments;
    },
  );

  app.post('/mentorship_relation/:relation_id/task', { schema: created }, async (request, reply) => {
    const caller = authenticate(request);
    const relationId = flaskInt(request.params.relation_id);
    const description = checkDescription(request.body);
    if (!isRowId(relationId)) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
    const { rows } = await query(CREATE_TASK, [
      relationId,
      isRowId(caller.id) ? caller.id : 0,
      description,
      epochSeconds(),
      eventMeta(request, caller.id),
      caller.sid,
    ]);
    const [outcome] = rows;
    requireOpenSession(caller, outcome);
    if (outcome.number === null) {
      if (outcome.relation_id === null) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
      if (!outcome.live) throw new Failure(404, Messages.USER_DOES_NOT_EXIST);
      if (outcome.state !== RelationState.ACCEPTED) throw new Failure(403, Messages.UNACCEPTED_STATE_RELATION);
      throw new Failure(403, Messages.USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION);
    }
    reply.code(201);
    return { message: Messages.TASK_WAS_CREATED_SUCCESSFULLY };
  });

  app.put(
    '/mentorship_relation/:relation_id/task/:task_id/complete',
    { schema: ok(messageSchema) },
    async (request) => {
      const caller = authenticate(request);
      const relationId = flaskInt(request.params.relation_id);
      const taskNumber = flaskInt(request.params.task_id);
      if (!isRowId(relationId)) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
      const { rows } = await query(COMPLETE_TASK, [
        relationId,
        isRowId(taskNumber) ? taskNumber : 0,
        isRowId(caller.id) ? caller.id : 0,
        epochSeconds(),
        eventMeta(request, caller.id),
        caller.sid,
      ]);
      const [outcome] = rows;
      requireOpenSession(caller, outcome);
      if (!outcome.completed) {
        if (outcome.relation_id === null) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
        if (!outcome.live) throw new Failure(404, Messages.USER_DOES_NOT_EXIST);
        if (outcome.mentor_id !== caller.id && outcome.mentee_id !== caller.id) {
          throw new Failure(401, Messages.USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION);
        }
        if (outcome.task_row === null) throw new Failure(404, Messages.TASK_DOES_NOT_EXIST);
        throw new Failure(409, Messages.TASK_WAS_ALREADY_ACHIEVED);
      }
      return { message: Messages.TASK_WAS_ACHIEVED_SUCCESSFULLY };
    },
  );

  app.post('/mentorship_relation/:relation_id/task/:task_id/comment', { schema: created }, async (request, reply) => {
    const caller = authenticate(request);
    const relationId = flaskInt(request.params.relation_id);
    const taskNumber = flaskInt(request.params.task_id);
    const comment = checkComment(request.body);
    if (!isRowId(relationId)) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
    const { rows } = await query(CREATE_COMMENT, [
      relationId,
      isRowId(taskNumber) ? taskNumber : 0,
      isRowId(caller.id) ? caller.id : 0,
      comment,
      epochSeconds(),
      eventMeta(request, caller.id),
      caller.sid,
    ]);
    const [outcome] = rows;
    requireOpenSession(caller, outcome);
    if (outcome.comment_id === null) {
      if (outcome.relation_id === null) throw new Failure(404, Messages.MENTORSHIP_RELATION_DOES_NOT_EXIST);
      if (outcome.mentor_id !== caller.id && outcome.mentee_id !== caller.id) {
        throw new Failure(401, Messages.USER_NOT_INVOLVED_IN_THIS_MENTOR_RELATION);
      }
      if (outcome.state !== RelationState.ACCEPTED) throw new Failure(403, Messages.UNACCEPTED_STATE_RELATION);
      throw new Failure(404, Messages.TASK_DOES_NOT_EXIST);
    }
    reply.code(201);
    return { message: Messages.TASK_COMMENT_WAS_CREATED_SUCCESSFULLY };
  });

  try {
    await app.listen({ port, host });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const address = app.server.address();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

// CLI: DATABASE_URL, PORT, JWT_SECRET, FLOOR_POOL_SIZE (and HOST, JWT_ACCESS_TOKEN_TTL in seconds).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env;
  const floor = await startFloor({
    databaseUrl: env.DATABASE_URL,
    port: Number(env.PORT ?? 3992),
    host: env.HOST ?? '127.0.0.1',
    jwtSecret: env.JWT_SECRET,
    poolSize: Number(env.FLOOR_POOL_SIZE ?? 10),
    ...(env.JWT_ACCESS_TOKEN_TTL ? { accessTtlSeconds: Number(env.JWT_ACCESS_TOKEN_TTL) } : {}),
  });
  process.stdout.write(`floor listening on ${floor.url}\n`);
  const stop = () => {
    floor.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
