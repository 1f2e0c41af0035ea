/**
 * Test-only routes, command and events that exercise the platform. Never imported by the app.
 */
import { Body, Controller, Get, Module, Post, UseGuards } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type AuditFacts,
  type AuthenticatedUser,
  CurrentUser,
  DomainEvent,
  type DomainEventHandler,
  DomainEventType,
  OnDomainEvent,
  Public,
  RefreshTokenGuard,
  RequestId,
  UnitOfWork,
} from '@app/platform';

export interface ProbePayload {
  label: string;
  /** FlakyProbeHandler fails this many times before it succeeds. */
  failTimes?: number;
  /** Gives the event an ordering key (`user:<id>`), as account events have. */
  userId?: number;
  /** RememberProbeWhenProbeRecorded takes this long. */
  delayMs?: number;
  /** RememberProbeWhenProbeRecorded waits until probeLog.releaseHeld() is called. */
  hold?: boolean;
}

@DomainEventType('test.probe_recorded')
export class ProbeRecorded extends DomainEvent<ProbePayload> {
  override auditFacts(): AuditFacts {
    return { targetType: 'probe', targetId: this.payload.label, details: { label: this.payload.label } };
  }
}

/** What the handlers saw, per process. */
export const probeLog = {
  remembered: [] as string[],
  flakyCalls: new Map<string, number>(),
  /** Labels whose RememberProbe call is waiting for releaseHeld(). */
  held: [] as string[],
  inFlight: 0,
  peakInFlight: 0,
  releaseHeld: () => {},
  heldGate: Promise.resolve(),
  reset() {
    this.remembered = [];
    this.flakyCalls.clear();
    this.held = [];
    this.inFlight = 0;
    this.peakInFlight = 0;
    this.heldGate = new Promise<void>((resolve) => (this.releaseHeld = resolve));
  },
};
probeLog.reset();

@OnDomainEvent(ProbeRecorded)
export class RememberProbeWhenProbeRecorded implements DomainEventHandler<ProbeRecorded> {
  async handle(event: ProbeRecorded): Promise<void> {
    probeLog.inFlight += 1;
    probeLog.peakInFlight = Math.max(probeLog.peakInFlight, probeLog.inFlight);
    try {
      if (event.payload.delayMs) await new Promise((resolve) => setTimeout(resolve, event.payload.delayMs));
      if (event.payload.hold) {
        probeLog.held.push(event.payload.label);
        await probeLog.heldGate;
      }
      probeLog.remembered.push(event.payload.label);
    } finally {
      probeLog.inFlight -= 1;
    }
  }
}

@OnDomainEvent(ProbeRecorded)
export class FailSomeTimesWhenProbeRecorded implements DomainEventHandler<ProbeRecorded> {
  async handle(event: ProbeRecorded): Promise<void> {
    const calls = (probeLog.flakyCalls.get(event.payload.label) ?? 0) + 1;
    probeLog.flakyCalls.set(event.payload.label, calls);
    if (calls <= (event.payload.failTimes ?? 0)) throw new Error(`flaky failure ${calls}`);
  }
}

export class RecordProbeCommand extends Command<{ eventId: string }> {
  constructor(
    readonly payload: ProbePayload,
    readonly meta: { actorId?: number; requestId?: string } = {},
    /** Throws after recording, so the transaction rolls back. */
    readonly failAfterRecording = false,
  ) {
    super();
  }
}

@CommandHandler(RecordProbeCommand)
export class RecordProbeHandler implements ICommandHandler<RecordProbeCommand> {
  constructor(private readonly uow: UnitOfWork) {}

  execute(command: RecordProbeCommand): Promise<{ eventId: string }> {
    return this.uow.run(async (tx) => {
      const event = new ProbeRecorded(command.payload, command.meta);
      tx.record(event);
      if (command.failAfterRecording) throw new Error('rolled back on purpose');
      return { eventId: event.eventId };
    });
  }
}

@Controller('__test')
export class ProbeController {
  constructor(private readonly commands: CommandBus) {}

  @Get('protected')
  whoAmI(@CurrentUser() user: AuthenticatedUser) {
    return { id: user.id };
  }

  @Public()
  @UseGuards(RefreshTokenGuard)
  @Post('refresh')
  refresh(@CurrentUser() user: AuthenticatedUser) {
    return { id: user.id };
  }

  @Public()
  @Post('echo')
  echo(@Body() body: unknown) {
    return { body: body ?? null };
  }

  @Public()
  @Get('boom')
  boom() {
    throw new Error('secret internal detail');
  }

  @Post('probe')
  record(@Body() body: ProbePayload, @CurrentUser() user: AuthenticatedUser, @RequestId() requestId: string) {
    return this.commands.execute(new RecordProbeCommand(body, { actorId: user.id, requestId }));
  }
}

@Module({
  controllers: [ProbeController],
  providers: [RememberProbeWhenProbeRecorded, FailSomeTimesWhenProbeRecorded, RecordProbeHandler],
})
export class ProbeModule {}
