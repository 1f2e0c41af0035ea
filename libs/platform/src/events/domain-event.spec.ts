import { DomainEvent, DomainEventType } from './domain-event';

@DomainEventType('spec.thing_happened')
class ThingHappened extends DomainEvent<{ thingId: number }> {}

describe('DomainEvent', () => {
  it('is rebuilt from its outbox row with its identity, time and metadata', () => {
    const original = new ThingHappened({ thingId: 3 }, { actorId: 1, requestId: 'r1' });
    const rebuilt = DomainEvent.rehydrate({
      eventType: 'spec.thing_happened',
      eventId: original.eventId,
      occurredAt: original.occurredAt,
      payload: { thingId: 3 },
      meta: { actorId: 1, requestId: 'r1' },
    });
    expect(rebuilt).toBeInstanceOf(ThingHappened);
    expect(rebuilt).toMatchObject({ eventId: original.eventId, payload: { thingId: 3 }, meta: { actorId: 1 } });
    expect(rebuilt!.occurredAt.getTime()).toBe(original.occurredAt.getTime());
    expect(rebuilt!.eventType).toBe('spec.thing_happened');
  });

  it('is undefined for an unknown type', () => {
    expect(
      DomainEvent.rehydrate({ eventType: 'spec.unknown', eventId: 'x', occurredAt: new Date(), payload: {}, meta: {} }),
    ).toBeUndefined();
  });

  it('refuses two classes with one type name', () => {
    expect(() => {
      @DomainEventType('spec.thing_happened')
      class Impostor extends DomainEvent {}
      return Impostor;
    }).toThrow('declared twice');
  });

  it('stays out of the audit log unless it says otherwise', () => {
    expect(new ThingHappened({ thingId: 1 }).auditFacts()).toBeNull();
  });

  it('orders by the relation, else the user, its payload names', () => {
    class Keyed extends DomainEvent<Record<string, unknown>> {}
    expect(new Keyed({ relationId: 4, userId: 9 }).orderingKey()).toBe('relation:4');
    expect(new Keyed({ userId: 9 }).orderingKey()).toBe('user:9');
    expect(new Keyed({ thingId: 1 }).orderingKey()).toBeNull();
    expect(new Keyed({ relationId: null, userId: null }).orderingKey()).toBeNull();
  });
});
