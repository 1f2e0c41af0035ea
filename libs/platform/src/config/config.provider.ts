import { Inject } from '@nestjs/common';
import { loadConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Injects the validated AppConfig. */
export const InjectConfig = () => Inject(APP_CONFIG);

export const appConfigProvider = { provide: APP_CONFIG, useFactory: () => loadConfig() };
