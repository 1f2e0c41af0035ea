import { FEEDBACK_SUBJECT, renderFeedbackLeft } from './feedback-emails.template';

describe('feedback emails', () => {
  it('names the author, the rating and the role, then quotes the testimonial (escaped in HTML)', () => {
    const email = renderFeedbackLeft({
      recipient: 'Bea',
      author: 'Ann',
      rating: 4,
      role: 'mentor',
      testimonial: 'Kind & <b>clear</b>',
    });
    expect(email.subject).toBe('Mentorship System - You have received feedback');
    expect(email.subject).toBe(FEEDBACK_SUBJECT);
    expect(email.text).toContain('Hi Bea,');
    expect(email.text).toContain('Ann rated you 4 out of 5 as a mentor.');
    expect(email.text).toContain('Ann wrote: "Kind & <b>clear</b>"');
    expect(email.html).not.toContain('<b>clear</b>');
    expect(email.html).toContain('&#60;b&#62;clear&#60;/b&#62;');
    expect(email.text).toContain('Systers Open Source');
  });

  it('without a testimonial, says nothing of one', () => {
    const email = renderFeedbackLeft({ recipient: 'Ann', author: 'Bea', rating: 3, role: 'mentee', testimonial: null });
    expect(email.text).toContain('Bea rated you 3 out of 5 as a mentee.');
    expect(email.text).not.toContain('wrote');
  });

  it('an author without a name still reads well', () => {
    const email = renderFeedbackLeft({
      recipient: 'Ann',
      author: null,
      rating: 5,
      role: 'mentee',
      testimonial: 'Great',
    });
    expect(email.text).toContain('The other member of your mentorship relation rated you 5 out of 5 as a mentee.');
    expect(email.text).toContain('They wrote: "Great"');
  });
});
