import { escapeHtml, type RenderedEmail } from './email-layout';

export const EMAIL_CONFIRMATION_SUBJECT = 'Mentorship System - Please confirm your email';

/** The reference's email_confirmation.html, in HTML and plain text. */
export function renderEmailConfirmation(input: { name: string; confirmUrl: string; validDays: number }): RenderedEmail {
  const name = escapeHtml(input.name);
  const url = escapeHtml(input.confirmUrl);
  return {
    subject: EMAIL_CONFIRMATION_SUBJECT,
    html: `<p>Hi ${name},</p>
<p>Welcome to Mentorship System!</p>
<p>You recently signed up for a Mentorship System account. Before you get started, we need to verify your email:</p>
<p><a href="${url}">${url}</a></p>
<p>The activation link will be active for ${input.validDays} days.</p>
<p>In Systerhood,<br>AnitaB.org Open Source</p>`,
    text: `Hi ${input.name},

Welcome to Mentorship System!

You recently signed up for a Mentorship System account. Before you get started, we need to verify your email:
${input.confirmUrl}

The activation link will be active for ${input.validDays} days.

In Systerhood,
AnitaB.org Open Source
`,
  };
}
