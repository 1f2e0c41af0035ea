import { escapeHtml, type RenderedEmail } from './email-layout';

export const PASSWORD_RESET_SUBJECT = 'Mentorship System - Reset your password';

export function renderPasswordReset(input: {
  name: string;
  resetUrl: string;
  token: string;
  validMinutes: number;
}): RenderedEmail {
  const name = escapeHtml(input.name);
  const url = escapeHtml(input.resetUrl);
  return {
    subject: PASSWORD_RESET_SUBJECT,
    html: `<p>Hi ${name},</p>
<p>Somebody (hopefully you) asked to reset the password of your Mentorship System account. To choose a new one, open:</p>
<p><a href="${url}">${url}</a></p>
<p>The link works once, for ${input.validMinutes} minutes. Apps send the token it ends with, <code>${escapeHtml(input.token)}</code>, to <code>POST /user/reset_password</code>.</p>
<p>If you did not ask for this, ignore this email: your password stays as it is.</p>
<p>In Systerhood,<br>AnitaB.org Open Source</p>`,
    text: `Hi ${input.name},

Somebody (hopefully you) asked to reset the password of your Mentorship System account. To choose a new one, open:
${input.resetUrl}

The link works once, for ${input.validMinutes} minutes.

If you did not ask for this, ignore this email: your password stays as it is.

In Systerhood,
AnitaB.org Open Source
`,
  };
}
