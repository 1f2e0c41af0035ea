import { DomainEvent, DomainEventType } from '@app/platform';

@DomainEventType('accounts.profile_updated')
export class ProfileUpdated extends DomainEvent<{ userId: number; fields: string[] }> {}
