import { Logger } from '@nestjs/common';
import { relationOfParty } from '@app/mentorship';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { epochSeconds, requireLiveCaller } from '@app/accounts';
import { eventMeta, LiveBus, UnitOfWork } from '@app/platform';
import { advanceReadMarker, lastReadOf } from '../domain/chat-access';
import { nextReadMarker } from '../domain/chat.rules';
import { ChatMessagesRead } from '../events/chat-messages-read.event';
import { MarkMessagesReadCommand } from './mark-messages-read.command';

/**
 * A party's read receipt moves forward (never back, never past the newest message), in any state
 * of the relation. A move records ChatMessagesRead and tells the other party's live streams.
 */
@CommandHandler(MarkMessagesReadCommand)
export class MarkMessagesReadHandler implements ICommandHandler<MarkMessagesReadCommand> {
  private readonly logger = new Logger(MarkMessagesReadHandler.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly live: LiveBus,
  ) {}

  async execute({ relationId, upTo, call }: MarkMessagesReadCommand): Promise<number | null> {
    const callerId = call.actorId!;
    const outcome = await this.uow.run(async (tx) => {
      const { em } = tx;
      await requireLiveCaller(em, callerId);
      const relation = await relationOfParty(em, relationId, callerId);
      const [{ newest }] = await em.execute<Array<{ newest: number | null }>>(
        `select max("id") as "newest" from "chat_messages" where "relation_id" = ?`,
        [relation.id],
      );
      const current = await lastReadOf(em, relation.id, callerId);
      const target = nextReadMarker(current, upTo, newest === null ? null : Number(newest));
      if (target === null || target === current) return { lastRead: target, moved: false, otherId: 0 };
      const lastRead = await advanceReadMarker(em, relation.id, callerId, target, epochSeconds());
      const otherId = relation.otherParty(callerId);
      if (lastRead !== current) {
        tx.record(
          new ChatMessagesRead(
            { relationId: relation.id, readerId: callerId, otherPartyId: otherId, lastReadMessageId: lastRead },
            eventMeta(call),
          ),
        );
      }
      return { lastRead, moved: lastRead !== current, otherId };
    });
    if (outcome.moved) {
      await this.live
        .publish({
          userId: outcome.otherId,
          type: 'chat_message',
          data: { relation_id: relationId, read_up_to: outcome.lastRead },
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Publishing a read receipt live failed'));
    }
    return outcome.lastRead;
  }
}
