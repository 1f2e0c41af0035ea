import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually } from './app';

const ROOT = join(__dirname, '..', '..');
export const API_ENTRY = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');
export const WORKER_ENTRY = join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The compiled server (`npm run build`) as a real process, the way `npm start` runs it. */
export class ServerProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;
  private exit?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly entry = API_ENTRY,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Whether the process has exited (or was killed). */
  get finished(): boolean {
    return !!this.child && (this.child.exitCode !== null || this.child.signalCode !== null);
  }

  get log(): string {
    return this.output.join('');
  }

  start(): this {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(this.port),
      ...this.env,
    };
    this.child = spawn(process.execPath, [this.entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exit = new Promise((resolve) => this.child!.on('exit', (code, signal) => resolve({ code, signal })));
    return this;
  }

  /** Resolves when /health/ready answers 200. */
  async ready(timeoutMs = 30_000): Promise<void> {
    let exited = false;
    void this.exit!.then(() => (exited = true));
    await eventually(
      async () => {
        if (exited) throw new Error(`server exited before it was ready:\n${this.log}`);
        const response = await fetch(`${this.url}/health/ready`);
        return response.status === 200;
      },
      timeoutMs,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- server output ---\n${this.log}`);
    });
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exit!;
  }

  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exit!;
  }
}
