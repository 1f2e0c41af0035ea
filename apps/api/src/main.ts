import 'reflect-metadata';
import { runApp } from '@app/platform';
import { ApiModule } from './api.module';

void runApp(ApiModule, { name: 'api', docs: true });
