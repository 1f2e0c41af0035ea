import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { findLiveUserById, type User } from '@app/accounts';
import { Mailer } from '@app/platform';
import type { EmailSetting } from '../domain/email-settings';
import { EmailPreferences } from '../settings/email-preferences';
import type { RenderedEmail } from '../templates/email-layout';

/** Who the parties of a relation are now (null for a deleted account), and a way to mail one. */
@Injectable()
export class RelationParties {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: Mailer,
    private readonly preferences: EmailPreferences,
  ) {}

  async load(mentorId: number, menteeId: number): Promise<{ mentor: User | null; mentee: User | null }> {
    const em = this.em.fork();
    return { mentor: await findLiveUserById(em, mentorId), mentee: await findLiveUserById(em, menteeId) };
  }

  /**
   * Sends unless the recipient's account is gone or they switched `setting` off (decided now, at
   * send time), with the one-click unsubscribe link for that setting.
   */
  async send(to: User | null, email: RenderedEmail, setting: EmailSetting): Promise<void> {
    if (!to?.email) return;
    const mail = await this.preferences.prepare(to.id, setting, email);
    if (!mail) return;
    await this.mailer.send({ to: to.email, ...mail });
  }
}

export const displayName = (user: User | null): string | null => user?.name ?? user?.username ?? null;
