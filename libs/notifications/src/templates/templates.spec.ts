import { renderEmailConfirmation } from './email-confirmation.template';
import { renderPasswordReset } from './password-reset.template';

describe('email templates', () => {
  it('the confirmation email carries the reference subject, the link and the 30 days', () => {
    const email = renderEmailConfirmation({
      name: 'Ann',
      confirmUrl: 'http://x.test/user/confirm_email/t0k',
      validDays: 30,
    });
    expect(email.subject).toBe('Mentorship System - Please confirm your email');
    expect(email.html).toContain('<a href="http://x.test/user/confirm_email/t0k">');
    expect(email.text).toContain('http://x.test/user/confirm_email/t0k');
    expect(email.text).toContain('The activation link will be active for 30 days.');
  });

  it('escapes what users typed', () => {
    const email = renderPasswordReset({
      name: '<b>Ann</b>',
      resetUrl: 'http://x.test/r/"t"',
      token: 't',
      validMinutes: 60,
    });
    expect(email.html).toContain('&#60;b&#62;Ann&#60;/b&#62;');
    expect(email.html).not.toContain('<b>Ann');
    expect(email.html).toContain('http://x.test/r/&#34;t&#34;');
    expect(email.subject).toBe('Mentorship System - Reset your password');
  });
});
