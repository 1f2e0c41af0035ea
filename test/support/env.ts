import type { Response } from 'light-my-request';
import { APP_URL } from './accounts';
import { startTestApp, type TestApp } from './app';
import { createTestDatabase, type TestDatabase } from './database';
import { SmtpSink } from './smtp-sink';

/** One spec file's world: a fresh database, an SMTP sink, and the app mailing through it. */
export interface TestEnv {
  db: TestDatabase;
  sink: SmtpSink;
  test: TestApp;
  close(): Promise<void>;
}

/** A fresh database, an SMTP sink and the app with APP_URL set, plus `env` (bounds, Redis...). */
export async function startTestEnv(env: Record<string, string> = {}): Promise<TestEnv> {
  const db = await createTestDatabase();
  const sink = await new SmtpSink().start();
  const test = await startTestApp({ databaseUrl: db.url, env: { SMTP_URL: sink.url, APP_URL, ...env } });
  return {
    db,
    sink,
    test,
    async close() {
      await test?.close();
      await sink?.stop();
      await db?.drop();
    },
  };
}

/** The answer as {status, body} so a failing expectation shows both. */
export function statusAndBody(response: Response): { status: number; body: unknown } {
  let body: unknown;
  try {
    body = response.json();
  } catch {
    body = response.body;
  }
  return { status: response.statusCode, body };
}

/** Asserts exactly `status` and exactly `{"message": text}`. */
export function expectMessage(response: Response, status: number, text: string): void {
  expect(statusAndBody(response)).toEqual({ status, body: { message: text } });
}
