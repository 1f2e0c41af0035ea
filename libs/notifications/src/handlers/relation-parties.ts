import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { findLiveUserById, type User } from '@app/accounts';
import { Mailer } from '@app/platform';
import type { RenderedEmail } from '../templates/email-layout';

/** Who the parties of a relation are now (null for a deleted account), and a way to mail one. */
@Injectable()
export class RelationParties {
  constructor(
    private readonly em: EntityManager,
    private readonly mailer: Mailer,
  ) {}

  async load(mentorId: number, menteeId: number): Promise<{ mentor: User | null; mentee: User | null }> {
    const em = this.em.fork();
    return { mentor: await findLiveUserById(em, mentorId), mentee: await findLiveUserById(em, menteeId) };
  }

  /** Sends unless the recipient's account is gone. */
  async send(to: User | null, email: RenderedEmail): Promise<void> {
    if (!to?.email) return;
    await this.mailer.send({ to: to.email, ...email });
  }
}

export const displayName = (user: User | null): string | null => user?.name ?? user?.username ?? null;
