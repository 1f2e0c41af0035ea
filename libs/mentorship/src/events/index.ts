export * from './relation-facts';
export * from './relation-requested.event';
export * from './relation-accepted.event';
export * from './relation-rejected.event';
export * from './relation-cancelled.event';
export * from './relation-completed.event';
export * from './relation-request-withdrawn.event';
