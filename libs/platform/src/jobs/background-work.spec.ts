import { loadConfig } from '../config/app-config';
import { BackgroundWork, type ProcessRole } from './background-work';

const work = (role: ProcessRole, env: Record<string, string>) => new BackgroundWork(role, loadConfig(env));

describe('BackgroundWork', () => {
  it.each([
    ['api', {}, { enabled: true, queued: false }],
    ['api', { REDIS_URL: 'redis://r:6379' }, { enabled: false, queued: true }],
    ['api', { REDIS_URL: 'redis://r:6379', RUN_BACKGROUND_JOBS: 'true' }, { enabled: true, queued: true }],
    ['api', { RUN_BACKGROUND_JOBS: 'false' }, { enabled: false, queued: false }],
    ['worker', {}, { enabled: true, queued: false }],
    ['worker', { REDIS_URL: 'redis://r:6379' }, { enabled: true, queued: true }],
    ['worker', { REDIS_URL: 'redis://r:6379', RUN_BACKGROUND_JOBS: 'false' }, { enabled: true, queued: true }],
  ] as const)('%s with %o: %o', (role, env, expected) => {
    const decided = work(role, env);
    expect({ enabled: decided.enabled, queued: decided.queued }).toEqual(expected);
  });
});
