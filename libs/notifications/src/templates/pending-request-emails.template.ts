import { escapeHtml, type RenderedEmail } from './email-layout';
import { ddmmyyyy } from './relation-emails.template';

/** Emails of pending requests that do not rot (beyond the reference), worded like the relation emails. */

const SIGNATURE_HTML = '<p>Systers Open Source</p>';
const SIGNATURE_TEXT = 'Systers Open Source';

function email(subject: string, paragraphs: string[]): RenderedEmail {
  return {
    subject,
    html: `${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}\n${SIGNATURE_HTML}`,
    text: `${paragraphs.join('\n\n')}\n\n${SIGNATURE_TEXT}\n`,
  };
}

export const PENDING_REQUEST_SUBJECTS = {
  reminder: 'Mentorship System - A relation request is waiting for your answer',
  expired: 'Mentorship System - Your relation request has expired',
} as const;

/** To the receiver of a request that has waited REQUEST_REMINDER_AFTER unanswered; sent once. */
export function renderRelationRequestReminder(input: {
  recipient: string;
  sender: string;
  /** When the request closes on its own (epoch seconds). */
  expiresAt: number;
}): RenderedEmail {
  return email(PENDING_REQUEST_SUBJECTS.reminder, [
    `Hi ${input.recipient},`,
    `${input.sender} sent you a mentorship relation request that is still waiting for your answer.`,
    `If it is not answered, the request closes on its own on ${ddmmyyyy(input.expiresAt)}.`,
    'Login to Mentorship System to accept or reject it.',
  ]);
}

/** To the sender of a request the pending-requests job closed unanswered. */
export function renderRelationRequestExpired(input: { sender: string; receiver: string | null }): RenderedEmail {
  const receiver = input.receiver ?? 'The member you sent it to';
  return email(PENDING_REQUEST_SUBJECTS.expired, [
    `Hi ${input.sender},`,
    `${receiver} did not answer your mentorship relation request in time, so it has expired.`,
    'You may send them a new request, or find another member to send a request to in Mentorship System.',
  ]);
}
