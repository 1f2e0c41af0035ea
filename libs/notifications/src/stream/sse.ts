/**
 * The Server-Sent Events wire format (WHATWG HTML, "server-sent events"), as GET /events writes it.
 * Pure, so it is unit-tested.
 */

/** Milliseconds a client waits before it reconnects after the stream drops. */
export const SSE_RETRY_MS = 3_000;

/** The first bytes of every stream: how long to wait before reconnecting. */
export const sseRetry = (ms: number = SSE_RETRY_MS) => `retry: ${ms}\n\n`;

/** A comment line: ignored by clients, keeps proxies and load balancers from timing the stream out. */
export const sseComment = (text: string) => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;

/**
 * One event. `id` is written only when given: a client's Last-Event-ID then stays the id of the last
 * event that had one (a notification), so events without one (chat messages) never move the cursor
 * the feed replays from. The data is JSON, which never holds a raw line break.
 */
export function sseEvent(event: { id?: string; type: string; data: unknown }): string {
  const lines: string[] = [];
  if (event.id !== undefined && /^[^\r\n\0]+$/.test(event.id)) lines.push(`id: ${event.id}`);
  lines.push(`event: ${event.type.replace(/[\r\n]+/g, '')}`);
  lines.push(`data: ${JSON.stringify(event.data ?? null)}`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * Where a reconnecting client resumes: the Last-Event-ID header (what EventSource sends) or the
 * `last_event_id` query parameter (for polyfills that cannot set headers). A notification id, so a
 * positive integer; anything else means "nothing to replay".
 */
export function resumeAfter(header: unknown, query: unknown): number | null {
  for (const candidate of [header, query]) {
    if (typeof candidate !== 'string') continue;
    const text = candidate.trim();
    if (!/^\d{1,15}$/.test(text)) continue;
    const id = Number(text);
    if (id > 0 && Number.isSafeInteger(id)) return id;
  }
  return null;
}
