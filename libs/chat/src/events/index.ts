export * from './chat-message-posted.event';
export * from './chat-messages-read.event';
