export * from './notifications.module';
export * from './notifications-http.module';
export * from './feed/notification-feed';
export * from './feed/notification.view';
export * from './handlers/task-digest-sender';
export * from './stream/live-stream.module';
export { LiveStreams, LIVE_HEARTBEAT_MS } from './stream/live-streams';
