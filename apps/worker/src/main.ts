import 'reflect-metadata';
import { runApp } from '@app/platform';
import { WorkerModule } from './worker.module';

void runApp(WorkerModule, { name: 'worker', docs: false });
