import { Global, Module } from '@nestjs/common';
import { ScheduledJobRuns } from './scheduled-job-runs';

@Global()
@Module({ providers: [ScheduledJobRuns], exports: [ScheduledJobRuns] })
export class SchedulingModule {}
