import { Command } from '@nestjs/cqrs';

/** The daily job: accounts never verified within 30 days of registering are deleted. Resolves to how many. */
export class PurgeUnverifiedUsersCommand extends Command<number> {
  constructor(readonly now: Date = new Date()) {
    super();
  }
}
