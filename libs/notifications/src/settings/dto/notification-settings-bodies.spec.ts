import { unknownSettingProblem } from './notification-settings-bodies';

describe('unknownSettingProblem', () => {
  it('every setting is known', () => {
    expect(
      unknownSettingProblem([
        'relation_requests',
        'request_answers',
        'relation_updates',
        'proposals',
        'feedback',
        'chat_messages',
        'task_activity',
      ]),
    ).toBeNull();
    expect(unknownSettingProblem([])).toBeNull();
  });

  it('security is refused first, then the first unknown key is named', () => {
    expect(unknownSettingProblem(['emails', 'security'])).toBe(
      'security emails are always sent and cannot be switched off.',
    );
    expect(unknownSettingProblem(['proposals', 'emails', 'chat'])).toBe('emails is not a notification setting.');
  });
});
