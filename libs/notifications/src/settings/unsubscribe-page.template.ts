import { escapeHtml } from '@app/platform';
import { EMAIL_SETTING_LABELS, type EmailSetting } from '../domain/email-settings';

/**
 * What an unsubscribe link opens: which emails it stops, and a button that POSTs the one-click
 * form to the same URL. Opening the page changes nothing (mail scanners prefetch links).
 */
export function renderUnsubscribePage(setting: EmailSetting): string {
  const label = escapeHtml(EMAIL_SETTING_LABELS[setting]);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Unsubscribe - Mentorship System</title></head>
<body>
<h1>Unsubscribe</h1>
<p>Stop the emails about ${label} (${escapeHtml(setting)})? Account security emails are always sent.</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>
<p>You can switch these emails on again in your notification settings.</p>
</body>
</html>
`;
}
