import { Command } from '@nestjs/cqrs';
import type { CallContext } from '@app/platform';
import type { ChatMessage } from '../domain/chat-message.entity';

/** POST /mentorship_relation/{request_id}/messages (a body the DTO has checked). */
export class PostMessageCommand extends Command<ChatMessage> {
  constructor(
    readonly relationId: number,
    readonly body: string,
    readonly call: CallContext,
  ) {
    super();
  }
}
