export * from './chat.module';
export * from './events';
export * from './domain/chat-message.entity';
export * from './domain/chat-read.entity';
export * from './domain/unread-messages';
