import { REPORT_FILED_SUBJECT, renderReportFiled, reportedThing } from './report-emails.template';

describe('report emails', () => {
  const base = {
    admin: 'Ada',
    reporter: 'Bea',
    reporterId: 4,
    reportId: 12,
    targetType: 'comment' as const,
    targetId: 9,
    relationId: 7,
    reason: 'harassment',
    details: 'Calls me <b>names</b> & worse',
    appUrl: 'http://mentorship.test',
  };

  it('names the reporter, the target, the reason, quotes the details (escaped in HTML) and links the admin API', () => {
    const email = renderReportFiled(base);
    expect(email.subject).toBe(REPORT_FILED_SUBJECT);
    expect(email.subject).toBe('Mentorship System - A new report to review');
    expect(email.text).toContain('Hi Ada,');
    expect(email.text).toContain('Bea (user #4) reported task comment #9 in mentorship relation #7.');
    expect(email.text).toContain('Reason: harassment.');
    expect(email.text).toContain('Their words: "Calls me <b>names</b> & worse"');
    expect(email.text).toContain('GET http://mentorship.test/admin/reports?state=open');
    expect(email.text).toContain('POST http://mentorship.test/admin/reports/12/resolve');
    expect(email.html).not.toContain('<b>names</b>');
    expect(email.html).toContain('&#60;b&#62;names&#60;/b&#62;');
  });

  it('without details or a reporter name, still reads well', () => {
    const email = renderReportFiled({ ...base, reporter: null, details: null, targetType: 'user', relationId: null });
    expect(email.text).toContain('User #4 reported user #9.');
    expect(email.text).not.toContain('Their words');
  });

  it('names each kind of target', () => {
    expect(reportedThing('task', 2, 7)).toBe('task #2 of mentorship relation #7');
    expect(reportedThing('chat_message', 30, 7)).toBe('chat message #30 in mentorship relation #7');
  });
});
