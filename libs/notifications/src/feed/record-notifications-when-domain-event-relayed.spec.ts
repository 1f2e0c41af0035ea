import { DOMAIN_EVENT_HANDLER, type DomainEventClass } from '@app/platform';
import { NOTIFYING_EVENT_TYPES } from '../domain/notification-kinds';
import {
  NOTIFYING_EVENTS,
  RecordNotificationsWhenDomainEventRelayed,
} from './record-notifications-when-domain-event-relayed.handler';

const typeOf = (cls: DomainEventClass) => (cls as unknown as { eventType: string }).eventType;

describe('RecordNotificationsWhenDomainEventRelayed', () => {
  it('is handed exactly the events the mapping knows', () => {
    const handled = Reflect.getMetadata(
      DOMAIN_EVENT_HANDLER,
      RecordNotificationsWhenDomainEventRelayed,
    ) as DomainEventClass[];
    expect(handled).toEqual(NOTIFYING_EVENTS);
    expect(handled.map(typeOf).sort()).toEqual([...NOTIFYING_EVENT_TYPES].sort());
  });
});
