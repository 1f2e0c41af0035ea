import { Command } from '@nestjs/cqrs';

/** The daily job: ACCEPTED relations whose end date has passed by `now` become COMPLETED. Resolves to how many. */
export class CompleteDueRelationsCommand extends Command<number> {
  constructor(readonly now: Date = new Date()) {
    super();
  }
}
