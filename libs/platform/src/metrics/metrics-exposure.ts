import { Messages } from '../http/messages';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../config/app-config';

/** The body of a 401 from `/metrics` on the main port when METRICS_TOKEN is set. */
export const METRICS_TOKEN_REQUIRED = Messages.METRICS_TOKEN_REQUIRED;

/** What the warning says when a production process serves no metrics. */
export const METRICS_DISABLED_WARNING =
  '/metrics is not served: NODE_ENV=production and neither METRICS_PORT nor METRICS_TOKEN is set. ' +
  'Set METRICS_PORT to serve it on a port of its own, or METRICS_TOKEN (16+ characters) to serve it on PORT ' +
  'behind "Authorization: Bearer <METRICS_TOKEN>".';

/**
 * Where a process serves `GET /metrics` (Prometheus text format), API and worker alike:
 *
 * - METRICS_PORT set: on a listener of its own, 0.0.0.0:METRICS_PORT, which serves `GET /metrics`
 *   and nothing else (404, plain text). No token is asked there: restrict that port at the
 *   network. `/metrics` on PORT is then not served (the app's usual 404).
 * - else METRICS_TOKEN set: on PORT, only with `Authorization: Bearer <METRICS_TOKEN>`; otherwise 401
 *   `{"message": "A valid metrics token is required."}`.
 * - neither, NODE_ENV=production: nowhere (404 on PORT), and a warning at start says how to enable it.
 * - neither, NODE_ENV development or test: on PORT, open.
 */
export type MetricsExposure =
  | { where: 'metrics-port'; port: number }
  | { where: 'main-port'; token?: string }
  | { where: 'nowhere'; warning: string };

/** The exposure rules above, as a pure function of the configuration. */
export function metricsExposure(config: Pick<AppConfig, 'nodeEnv' | 'metricsPort' | 'metricsToken'>): MetricsExposure {
  if (config.metricsPort !== undefined) return { where: 'metrics-port', port: config.metricsPort };
  if (config.metricsToken) return { where: 'main-port', token: config.metricsToken };
  if (config.nodeEnv === 'production') return { where: 'nowhere', warning: METRICS_DISABLED_WARNING };
  return { where: 'main-port' };
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether an Authorization header carries `Bearer <token>`. Compares digests in constant time, so
 * neither the token's content nor its length leaks through timing.
 */
export function bearerTokenMatches(authorization: string | string[] | undefined, token: string): boolean {
  if (typeof authorization !== 'string') return false;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}
