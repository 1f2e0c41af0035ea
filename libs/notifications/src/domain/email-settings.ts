/**
 * Which emails a member wants, per kind of event. Account-security emails (verification, password
 * reset) are always sent and are no setting. Pure: the stored choices in, the effective settings out.
 */

export const BOOLEAN_EMAIL_SETTINGS = [
  'relation_requests',
  'request_answers',
  'relation_updates',
  'proposals',
  'feedback',
  'chat_messages',
] as const;

export type BooleanEmailSetting = (typeof BOOLEAN_EMAIL_SETTINGS)[number];
export type EmailSetting = BooleanEmailSetting | 'task_activity';
export type TaskActivityMode = 'digest' | 'off';

export const EMAIL_SETTINGS: readonly EmailSetting[] = [...BOOLEAN_EMAIL_SETTINGS, 'task_activity'];
export const TASK_ACTIVITY_MODES: readonly TaskActivityMode[] = ['digest', 'off'];

export type EmailSettings = Record<BooleanEmailSetting, boolean> & { task_activity: TaskActivityMode };

/** What GET shows: the settings, and the security emails that cannot be switched off. */
export type EmailSettingsView = EmailSettings & { security: 'always' };

export const DEFAULT_EMAIL_SETTINGS: Readonly<EmailSettings> = Object.freeze({
  relation_requests: true,
  request_answers: true,
  relation_updates: true,
  proposals: true,
  feedback: true,
  chat_messages: true,
  task_activity: 'digest',
});

/** What each setting covers, in words (the unsubscribe page and the emails' footer). */
export const EMAIL_SETTING_LABELS: Readonly<Record<EmailSetting, string>> = Object.freeze({
  relation_requests: 'mentorship requests you receive (new requests, reminders, withdrawn requests)',
  request_answers: 'answers to your mentorship requests (accepted, rejected, expired)',
  relation_updates: 'changes to your mentorship relations (cancelled, completed)',
  proposals: 'proposals to complete a mentorship relation early or to move its end date',
  feedback: 'feedback you receive',
  chat_messages: 'chat messages',
  task_activity: 'digests of task activity',
});

export const isEmailSetting = (key: unknown): key is EmailSetting =>
  typeof key === 'string' && (EMAIL_SETTINGS as readonly string[]).includes(key);

/** The effective settings: the defaults, overridden by the valid stored choices (anything else is ignored). */
export function effectiveEmailSettings(stored: Record<string, unknown> | null | undefined): EmailSettings {
  const settings: EmailSettings = { ...DEFAULT_EMAIL_SETTINGS };
  for (const key of BOOLEAN_EMAIL_SETTINGS) {
    if (typeof stored?.[key] === 'boolean') settings[key] = stored[key];
  }
  const mode = stored?.task_activity;
  if (mode === 'digest' || mode === 'off') settings.task_activity = mode;
  return settings;
}

/** Whether emails of `setting` are sent under `settings`. */
export const emailWanted = (settings: EmailSettings, setting: EmailSetting): boolean =>
  setting === 'task_activity' ? settings.task_activity !== 'off' : settings[setting];

/** The stored change that switches `setting` off (what an unsubscribe link does). */
export const switchedOff = (setting: EmailSetting): Partial<EmailSettings> =>
  setting === 'task_activity' ? { task_activity: 'off' } : { [setting]: false };

export const viewOf = (settings: EmailSettings): EmailSettingsView => ({ ...settings, security: 'always' });
