import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { NotificationFeed } from '../feed/notification-feed';
import { CloseStreamsWhenSessionRevoked } from './close-streams-when-session-revoked.handler';
import { EventsController } from './events.controller';
import { IssueLiveTicketHandler } from './issue-live-ticket.handler';
import { LiveSessionCheck } from './live-session-check';
import { LiveStreamGuard } from './live-stream.guard';
import { LiveStreams } from './live-streams';
import { LiveTicket } from './live-ticket.entity';
import { RedeemLiveTicketHandler } from './redeem-live-ticket.handler';

/**
 * What every process that relays events needs of the live stream (API and worker): the reaction
 * that tells streams their session ended.
 */
@Module({
  providers: [CloseStreamsWhenSessionRevoked],
})
export class LiveStreamCoreModule {}

/** The live stream itself, GET /events and POST /events/ticket (the API only). */
@Module({
  imports: [LiveStreamCoreModule, MikroOrmModule.forFeature([LiveTicket])],
  controllers: [EventsController],
  providers: [
    NotificationFeed,
    LiveSessionCheck,
    LiveStreamGuard,
    LiveStreams,
    IssueLiveTicketHandler,
    RedeemLiveTicketHandler,
  ],
})
export class LiveStreamModule {}
