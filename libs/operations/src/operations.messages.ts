/** Texts of the operations routes (no reference to mirror). */
export const JOB_RETRIED = 'The job will run again.';
export const NO_SUCH_FAILED_JOB = 'There is no failed job with this id.';
export const QUEUE_UNREACHABLE = 'The job queue (Redis) cannot be reached; try again later.';
