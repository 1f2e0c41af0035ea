import { type AuditFacts, DomainEvent, DomainEventType } from '@app/platform';

/** An admin sent a failed job (or a parked outbox event) back to be delivered again. */
@DomainEventType('operations.failed_job_retried')
export class FailedJobRetried extends DomainEvent<{ jobId: string; kind: string }> {
  override auditFacts(): AuditFacts {
    return { targetType: 'job', targetId: this.payload.jobId, details: { kind: this.payload.kind } };
  }
}
