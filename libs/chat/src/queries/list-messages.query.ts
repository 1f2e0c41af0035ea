import { Query } from '@nestjs/cqrs';
import type { ChatPage } from '../http/message.presenter';

/** GET /mentorship_relation/{request_id}/messages?before=&limit=: a page, newest first (parties only, any state). */
export class ListMessagesQuery extends Query<ChatPage> {
  constructor(
    readonly relationId: number,
    readonly userId: number,
    readonly params: Record<string, unknown>,
  ) {
    super();
  }
}
