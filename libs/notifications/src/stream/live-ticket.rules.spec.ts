import { isLiveTicketShape, liveTicketHash, newLiveTicket } from './live-ticket.rules';

describe('live tickets', () => {
  it('are 43 URL-safe characters, different every time', () => {
    const tickets = new Set(Array.from({ length: 50 }, newLiveTicket));
    expect(tickets.size).toBe(50);
    for (const ticket of tickets) expect(isLiveTicketShape(ticket)).toBe(true);
  });

  it('are stored as their SHA-256, never as themselves', () => {
    const ticket = newLiveTicket();
    expect(liveTicketHash(ticket)).toMatch(/^[0-9a-f]{64}$/);
    expect(liveTicketHash(ticket)).toBe(liveTicketHash(ticket));
    expect(liveTicketHash(ticket)).not.toContain(ticket);
  });

  it('refuses anything else before the database is asked', () => {
    for (const bad of [undefined, null, 42, '', 'short', `${newLiveTicket()}x`, ['a'], 'a'.repeat(42) + '!']) {
      expect(isLiveTicketShape(bad)).toBe(false);
    }
  });
});
