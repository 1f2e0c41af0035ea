import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './app';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  raw: ParsedMail;
  /** When the sink accepted the message (Date.now()), for delivery latencies. */
  receivedAt: number;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, for asserting emails in tests.
 * `SMTP_URL` for the app is `smtp://127.0.0.1:<port>`.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  port = 0;
  /** While set, the server refuses every message with this SMTP error (to test retries). */
  refuseWith?: string;
  /** When each refused message was refused (Date.now()), for retry timings. */
  readonly refusedAt: number[] = [];
  /** Errors of client connections (resets by clients that died). */
  readonly connectionErrors: Error[] = [];
  /** SMTP connections opened so far. */
  connectionsOpened = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connectionsOpened += 1;
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          const receivedAt = Date.now();
          if (this.refuseWith) this.refusedAt.push(receivedAt);
          if (this.refuseWith) return callback(Object.assign(new Error(this.refuseWith), { responseCode: 451 }));
          try {
            const parsed = await simpleParser(Buffer.concat(chunks));
            this.messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              text: parsed.text ?? '',
              raw: parsed,
              receivedAt,
            });
            callback();
          } catch (error) {
            callback(error as Error);
          }
        });
      },
    });
    // A client that dies mid-connection (a worker killed with SIGKILL) resets its socket; that is
    // the client's failure to test, not the sink's, so it must not surface as an unhandled error.
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as { port: number }).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits for a message to `recipient` (and matching `subject`, if given). */
  async waitFor(recipient: string, subject?: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    return eventually(
      () => this.messages.find((mail) => mail.to.includes(recipient) && (!subject || mail.subject === subject)),
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
