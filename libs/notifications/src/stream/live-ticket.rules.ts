import { createHash, randomBytes } from 'node:crypto';

/** How long a ticket can be redeemed, in seconds. */
export const LIVE_TICKET_TTL_SECONDS = 60;

/** A new ticket: 32 random bytes, URL-safe (43 characters). */
export const newLiveTicket = (): string => randomBytes(32).toString('base64url');

/** What the table keeps of a ticket. */
export const liveTicketHash = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');

/** Whether a query value has the shape of a ticket at all (no database lookup for anything else). */
export const isLiveTicketShape = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
