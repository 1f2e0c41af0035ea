import { DEFAULT_EMAIL_SETTINGS, effectiveEmailSettings, emailWanted, switchedOff, viewOf } from './email-settings';

describe('email settings', () => {
  it('default to everything on and task activity as a digest', () => {
    expect(effectiveEmailSettings(undefined)).toEqual({
      relation_requests: true,
      request_answers: true,
      relation_updates: true,
      proposals: true,
      feedback: true,
      chat_messages: true,
      task_activity: 'digest',
    });
    expect(effectiveEmailSettings({})).toEqual(DEFAULT_EMAIL_SETTINGS);
  });

  it('stored choices override the defaults; anything invalid or unknown is ignored', () => {
    expect(
      effectiveEmailSettings({ proposals: false, task_activity: 'off', feedback: 'no', task: 'x', security: false }),
    ).toEqual({ ...DEFAULT_EMAIL_SETTINGS, proposals: false, task_activity: 'off' });
    expect(effectiveEmailSettings({ task_activity: 'weekly' }).task_activity).toBe('digest');
  });

  it('whether an email is wanted, and what switching one off stores', () => {
    const settings = effectiveEmailSettings({ feedback: false, task_activity: 'off' });
    expect(emailWanted(settings, 'feedback')).toBe(false);
    expect(emailWanted(settings, 'proposals')).toBe(true);
    expect(emailWanted(settings, 'task_activity')).toBe(false);
    expect(emailWanted(DEFAULT_EMAIL_SETTINGS, 'task_activity')).toBe(true);
    expect(switchedOff('task_activity')).toEqual({ task_activity: 'off' });
    expect(switchedOff('chat_messages')).toEqual({ chat_messages: false });
  });

  it('the view shows security emails as always sent', () => {
    expect(viewOf(DEFAULT_EMAIL_SETTINGS)).toEqual({ ...DEFAULT_EMAIL_SETTINGS, security: 'always' });
  });
});
