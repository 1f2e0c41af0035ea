import { escapeHtml, type RenderedEmail } from './email-layout';

const SIGNATURE_HTML = '<p>Systers Open Source</p>';
const SIGNATURE_TEXT = 'Systers Open Source';

/** dd-mm-YYYY of an epoch-seconds date (UTC), as the reference's accepted email prints it. */
export function ddmmyyyy(epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

/** An email of the relation family: paragraphs (escaped in HTML), then the signature. */
export function relationEmail(subject: string, paragraphs: string[]): RenderedEmail {
  return {
    subject,
    html: `${paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n')}\n${SIGNATURE_HTML}`,
    text: `${paragraphs.join('\n\n')}\n\n${SIGNATURE_TEXT}\n`,
  };
}

/** The reference's email_relation_request.html, to the recipient. */
export function renderRelationRequested(input: {
  recipient: string;
  sender: string;
  senderRole: 'mentor' | 'mentee';
  notes: string;
}): RenderedEmail {
  return relationEmail('Mentorship System - You have got new relation request', [
    `Hello, ${input.recipient}.`,
    'You have new relation request!',
    `${input.sender} has sent you a relation request. This member would like to be your ${input.senderRole}.`,
    `Note from ${input.sender}: ${input.notes}`,
    'Login to Mentorship System to take action!',
  ]);
}

/** The reference's mentorship_relation_accepted.html, to the original sender. */
export function renderRelationAccepted(input: {
  sender: string;
  receiver: string;
  role: 'mentor' | 'mentee';
  endDate: number;
}): RenderedEmail {
  return relationEmail('Mentorship relation accepted!', [
    `Hi ${input.sender},`,
    `Congratulations! Your mentorship request has been accepted by ${input.receiver}, to be your ${input.role} until ${ddmmyyyy(input.endDate)}.`,
    `Wish you a great mentorship relation with ${input.receiver}.`,
  ]);
}

export function renderRelationRejected(input: { sender: string; receiver: string }): RenderedEmail {
  return relationEmail('Mentorship System - Your relation request was rejected', [
    `Hi ${input.sender},`,
    `${input.receiver} has declined your mentorship relation request.`,
    'You can find other members to send a request to in Mentorship System.',
  ]);
}

export function renderRelationCancelled(input: { recipient: string; other: string | null }): RenderedEmail {
  return relationEmail('Mentorship System - Your mentorship relation was cancelled', [
    `Hi ${input.recipient},`,
    input.other
      ? `${input.other} has cancelled your mentorship relation.`
      : 'Your mentorship relation was cancelled because the other member deleted their account.',
    'You are free to start a new mentorship relation in Mentorship System.',
  ]);
}

/**
 * To each party when a relation becomes COMPLETED: it reached its end date (the daily job; also
 * events recorded before early completion existed), or both parties agreed to complete it early.
 */
export function renderRelationCompleted(input: {
  recipient: string;
  other: string | null;
  reason?: 'end_date' | 'agreed_early';
}): RenderedEmail {
  const withOther = input.other ? ` with ${input.other}` : '';
  return relationEmail('Mentorship System - Your mentorship relation is complete', [
    `Hi ${input.recipient},`,
    input.reason === 'agreed_early'
      ? `Your mentorship relation${withOther} was completed early, as you both agreed. Congratulations!`
      : `Your mentorship relation${withOther} has reached its end date and is now complete. Congratulations!`,
    'You are free to start a new mentorship relation in Mentorship System.',
  ]);
}

export function renderRelationRequestWithdrawn(input: { recipient: string; sender: string | null }): RenderedEmail {
  return relationEmail('Mentorship System - A relation request was withdrawn', [
    `Hi ${input.recipient},`,
    input.sender
      ? `${input.sender} has withdrawn the mentorship relation request sent to you.`
      : 'A mentorship relation request sent to you was withdrawn because its sender deleted their account.',
  ]);
}
