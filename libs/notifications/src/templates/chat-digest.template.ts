import { escapeHtml, type RenderedEmail } from './email-layout';

/** How many of the unread messages the email quotes, newest first. */
export const CHAT_DIGEST_SHOWN = 3;
/** A quoted message is cut after this many characters. */
export const CHAT_DIGEST_EXCERPT = 280;

export const chatDigestSubject = (sender: string) => `Mentorship System - New messages from ${sender}`;

function excerpt(body: string): string {
  const characters = [...body];
  return characters.length > CHAT_DIGEST_EXCERPT ? `${characters.slice(0, CHAT_DIGEST_EXCERPT).join('')}…` : body;
}

/**
 * One email for the messages a party has left unread in one relation: how many, and the newest
 * few (`newest` newest first; at most CHAT_DIGEST_SHOWN are quoted, each cut to an excerpt).
 */
export function renderChatDigest(input: {
  recipient: string;
  sender: string;
  count: number;
  newest: string[];
}): RenderedEmail {
  const quoted = input.newest.slice(0, CHAT_DIGEST_SHOWN).map(excerpt);
  const count = input.count === 1 ? 'a new message' : `${input.count} new messages`;
  const intro = `Hi ${input.recipient}, ${input.sender} sent you ${count} in your mentorship relation.`;
  const lead = input.count > quoted.length ? `The newest ${quoted.length}:` : null;
  const outro = 'Login to Mentorship System to read and reply.';
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    ...(lead ? [`<p>${escapeHtml(lead)}</p>`] : []),
    `<ul>\n${quoted.map((text) => `<li>${escapeHtml(text).replace(/\n/g, '<br>')}</li>`).join('\n')}\n</ul>`,
    `<p>${escapeHtml(outro)}</p>`,
    '<p>Systers Open Source</p>',
  ].join('\n');
  const text = [
    intro,
    '',
    ...(lead ? [lead, ''] : []),
    ...quoted.map((body) => `> ${body.replace(/\n/g, '\n> ')}`),
    '',
    outro,
    '',
    'Systers Open Source',
    '',
  ].join('\n');
  return { subject: chatDigestSubject(input.sender), html, text };
}
