export * from './report-facts';
export * from './report-filed.event';
export * from './report-resolved.event';
export * from './content-hidden.event';
