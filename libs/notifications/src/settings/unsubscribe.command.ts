import { Command } from '@nestjs/cqrs';
import type { EmailSetting } from '../domain/email-settings';

/** POST /unsubscribe/{token}: switches off the one setting the (signed) link names. */
export class UnsubscribeCommand extends Command<{ setting: EmailSetting }> {
  constructor(readonly token: string) {
    super();
  }
}
