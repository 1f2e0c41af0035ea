import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MarkMessagesReadHandler } from './commands/mark-messages-read.handler';
import { PostMessageHandler } from './commands/post-message.handler';
import { ChatMessage } from './domain/chat-message.entity';
import { ChatRead } from './domain/chat-read.entity';
import { ChatController } from './http/chat.controller';
import { ListMessagesHandler } from './queries/list-messages.handler';

/** Chat inside a relation without routes: the handlers and the event classes (the worker imports it too). */
@Module({
  imports: [MikroOrmModule.forFeature([ChatMessage, ChatRead])],
  providers: [PostMessageHandler, MarkMessagesReadHandler, ListMessagesHandler],
})
export class ChatCoreModule {}

/** Chat inside a relation: the routes. */
@Module({
  imports: [ChatCoreModule],
  controllers: [ChatController],
  exports: [ChatCoreModule],
})
export class ChatModule {}
