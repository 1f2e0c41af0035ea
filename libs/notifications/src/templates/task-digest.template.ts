import { escapeHtml, type RenderedEmail } from './email-layout';

export type DigestItemKind = 'created' | 'completed' | 'reopened' | 'commented';

export interface DigestItem {
  eventId: string;
  kind: DigestItemKind;
  taskNumber: number;
  description: string;
  actorId: number;
  comment?: string;
}

export const TASK_DIGEST_SUBJECT = 'Mentorship System - Task updates in your mentorship relation';

function line(item: DigestItem, actor: string): string {
  const task = `task ${item.taskNumber} "${item.description}"`;
  switch (item.kind) {
    case 'created':
      return `${actor} added ${task}.`;
    case 'completed':
      return `${actor} completed ${task}.`;
    case 'reopened':
      return `${actor} reopened ${task}.`;
    case 'commented':
      return `${actor} commented on ${task}: "${item.comment ?? ''}"`;
  }
}

/** One email for a burst of task activity in one relation. */
export function renderTaskDigest(input: {
  recipient: string;
  items: DigestItem[];
  actorName: (actorId: number) => string;
}): RenderedEmail {
  const lines = input.items.map((item) => line(item, input.actorName(item.actorId)));
  const intro = `Hi ${input.recipient}, here is what happened in your mentorship relation:`;
  return {
    subject: TASK_DIGEST_SUBJECT,
    html: `<p>${escapeHtml(intro)}</p>\n<ul>\n${lines.map((text) => `<li>${escapeHtml(text)}</li>`).join('\n')}\n</ul>\n<p>Systers Open Source</p>`,
    text: `${intro}\n\n${lines.map((text) => `- ${text}`).join('\n')}\n\nSysters Open Source\n`,
  };
}
