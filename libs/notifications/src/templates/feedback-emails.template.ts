import type { RenderedEmail } from './email-layout';
import { relationEmail } from './relation-emails.template';

export const FEEDBACK_SUBJECT = 'Mentorship System - You have received feedback';

/**
 * To the rated party when the other party of a completed relation leaves feedback: who, the
 * rating and the role it was given in, and the testimonial's text when there is one (escaped in
 * HTML by relationEmail).
 */
export function renderFeedbackLeft(input: {
  recipient: string;
  author: string | null;
  rating: number;
  role: 'mentor' | 'mentee';
  testimonial: string | null;
}): RenderedEmail {
  const author = input.author ?? 'The other member of your mentorship relation';
  return relationEmail(FEEDBACK_SUBJECT, [
    `Hi ${input.recipient},`,
    `${author} rated you ${input.rating} out of 5 as a ${input.role}.`,
    ...(input.testimonial ? [`${input.author ?? 'They'} wrote: "${input.testimonial}"`] : []),
    input.testimonial
      ? 'Testimonials appear on your profile in Mentorship System. Login to see them and to leave your own feedback.'
      : 'Login to Mentorship System to see your ratings and to leave your own feedback.',
  ]);
}
