/**
 * Child servers of the benchmark: started with this Node binary (so the child's pid is the
 * server's own, for /proc/<pid>/status), stopped on every exit path of the runner.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const running = new Set();
const TAIL_LINES = 40;

/** A port nobody listens on right now (the OS picks it). */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Spawns `node [nodeFlags] <script>` with exactly the given environment (plus PATH/HOME), relaying its output
 * to stderr with a label. → { name, pid, child, exited (promise), tail(), stop() }
 */
export function startNodeProcess({ name, script, env, cwd = process.cwd(), quiet = false, nodeFlags = [] }) {
  const child = spawn(process.execPath, [...nodeFlags, script], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const relay = (stream) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop();
      for (const line of parts) {
        lines.push(line);
        if (lines.length > TAIL_LINES) lines.shift();
        if (!quiet && line.trim()) process.stderr.write(`[${name}] ${line}\n`);
      }
    });
  };
  relay(child.stdout);
  relay(child.stderr);
  const handle = {
    name,
    pid: child.pid,
    child,
    exitCode: undefined,
    stopping: false,
    exited: new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        running.delete(handle);
        handle.exitCode = code ?? signal;
        if (!handle.stopping) process.stderr.write(`[${name}] exited unexpectedly (${handle.exitCode})\n`);
        resolve(code ?? signal);
      });
    }),
    tail: () => lines.join('\n'),
    /** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
    async stop(graceMs = 5000) {
      if (handle.exitCode !== undefined) return;
      handle.stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await handle.exited;
      clearTimeout(timer);
    },
  };
  running.add(handle);
  return handle;
}

/** Stops every child still running (in parallel). */
export async function stopAll() {
  await Promise.all([...running].map((handle) => handle.stop()));
}

let hooksInstalled = false;
/** Kills the children if the runner exits, is interrupted or crashes. */
export function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const handle of running) {
      handle.stopping = true;
      handle.child.kill('SIGKILL');
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping the servers\n`);
      stopAll().finally(() => process.exit(130));
    });
  }
}

/**
 * Polls `url` until it answers (`accept(status)`), the process exits, or `timeoutMs` passes.
 */
export async function waitForHttp(url, { handle, accept = () => true, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    if (handle && handle.exitCode !== undefined) {
      throw new Error(`${handle.name} exited (${handle.exitCode}) before it was ready:\n${handle.tail()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (accept(response.status)) return;
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${lastProblem})${handle ? `:\n${handle.tail()}` : ''}`);
}

/** The peak resident set size (VmHWM) of a running process, in bytes. */
export function peakRssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
