/** One failed delivery as GET /admin/jobs/failed shows it. */
export interface FailedJobView {
  /** What POST /admin/jobs/{id}/retry takes: `email.<job id>` (a BullMQ job) or `outbox.<row id>` (a parked event). */
  id: string;
  /** `queue`: a BullMQ job that used up its attempts; `outbox`: an event the relay parked. */
  source: 'queue' | 'outbox';
  queue: string | null;
  /** The job's kind: `outbox-delivery` (one handler of one event), `task-digest`; null for parked events. */
  job: string | null;
  event_type: string | null;
  event_id: string | null;
  /** The handler that failed (a queued delivery), or null (parked event: see `error`). */
  handler: string | null;
  attempts: number;
  error: string | null;
  /** Epoch seconds. */
  failed_at: number | null;
}

export interface FailedJobsPage {
  jobs: FailedJobView[];
  total: number;
  page: number;
  perPage: number;
}

export const FAILED_JOB_EXAMPLE: FailedJobView = {
  id: 'email.0b9f6c1e-5d1a-4a37-9d7e-2f8b1c9a0e11.SendVerificationEmailWhenVerificationEmailRequested',
  source: 'queue',
  queue: 'email',
  job: 'outbox-delivery',
  event_type: 'accounts.verification_email_requested',
  event_id: '0b9f6c1e-5d1a-4a37-9d7e-2f8b1c9a0e11',
  handler: 'SendVerificationEmailWhenVerificationEmailRequested',
  attempts: 8,
  error: 'Greeting never received',
  failed_at: 1796000000.123,
};
