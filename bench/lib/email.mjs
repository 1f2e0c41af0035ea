/**
 * The email scenario: a fresh app with SMTP_URL pointing at a sink inside this process; N
 * registrations as fast as the server takes them (bounded concurrency); each verification email
 * timed from the 201 of its registration to its arrival at the sink (both clocks are this
 * process's performance.now()).
 */
import { SMTPServer } from 'smtp-server';
import { mapWithConcurrency, send } from './http.mjs';
import { quantile } from './load.mjs';

/** An SMTP server on 127.0.0.1 that notes when a message for each recipient has fully arrived. */
export async function startSmtpSink() {
  const arrivals = new Map();
  let messages = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        const arrivedAt = performance.now();
        messages += 1;
        for (const { address } of session.envelope.rcptTo) {
          const key = address.toLowerCase();
          if (!arrivals.has(key)) arrivals.set(key, arrivedAt);
        }
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    arrivals,
    get messages() {
      return messages;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const REGISTRATION_PASSWORD = 'bench-mail-password-1';

/**
 * Registers `count` users on `appUrl` (at most `concurrency` at a time) and waits until the sink
 * holds every verification email or `deliveryTimeoutMs` passes after the last 201.
 */
export async function measureRegistrationEmails({
  appUrl,
  sink,
  count = 1000,
  concurrency = 32,
  deliveryTimeoutMs = 120_000,
  prefix = 'mailbench',
  log = console.error,
}) {
  const createdAt = new Map();
  const failures = {};
  const started = performance.now();
  await mapWithConcurrency(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const username = `${prefix}_${String(i).padStart(5, '0')}`;
      const email = `${username}@example.org`;
      try {
        const { status } = await send(appUrl, {
          method: 'POST',
          path: '/register',
          body: {
            name: 'Bench Mail User',
            username,
            password: REGISTRATION_PASSWORD,
            email,
            terms_and_conditions_checked: true,
          },
        });
        if (status === 201) createdAt.set(email, performance.now());
        else failures[status] = (failures[status] ?? 0) + 1;
      } catch (error) {
        failures[error.name] = (failures[error.name] ?? 0) + 1;
      }
    },
  );
  const registeredAt = performance.now();
  const registrationSeconds = (registeredAt - started) / 1000;
  log(`  ${createdAt.size} registrations in ${registrationSeconds.toFixed(1)} s; waiting for the emails`);

  const deadline = registeredAt + deliveryTimeoutMs;
  const delivered = () => [...createdAt.keys()].filter((email) => sink.arrivals.has(email)).length;
  while (delivered() < createdAt.size && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const latencies = [];
  let lastArrival = started;
  for (const [email, at] of createdAt) {
    const arrival = sink.arrivals.get(email);
    if (arrival === undefined) continue;
    latencies.push(arrival - at);
    lastArrival = Math.max(lastArrival, arrival);
  }
  return {
    requested: count,
    registered: createdAt.size,
    registrationFailures: failures,
    delivered: latencies.length,
    registrationsPerSecond: createdAt.size / registrationSeconds,
    registrationSeconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.length ? Math.max(...latencies) : null,
    secondsUntilLastEmail: latencies.length ? (lastArrival - started) / 1000 : null,
    timedOut: latencies.length < createdAt.size,
  };
}
