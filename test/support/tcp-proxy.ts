import { createServer, type Server, type Socket, connect } from 'node:net';

interface Pair {
  client: Socket;
  upstream?: Socket;
}

/**
 * A TCP proxy in front of PostgreSQL (or any server) that a test can cut and restore, to play an
 * outage without touching the real server: `cut()` drops every connection and refuses new ones
 * (the server stopped); `blackhole()` keeps every connection open but passes nothing either way,
 * and accepts new ones that go nowhere (a firewall dropping packets), until `release()`.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<Pair>();
  private held = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => {
      const pair: Pair = { client };
      this.track(client, pair);
      if (this.held) client.pause();
      else this.forward(pair);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  private track(socket: Socket, pair: Pair): void {
    this.sockets.add(socket);
    this.pairs.add(pair);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.pairs.delete(pair);
    });
    socket.on('error', () => socket.destroy());
  }

  private forward(pair: Pair): void {
    if (!pair.upstream) {
      const upstream = connect(this.targetPort, this.targetHost);
      pair.upstream = upstream;
      this.track(upstream, pair);
      pair.client.on('close', () => upstream.destroy());
      upstream.on('close', () => pair.client.destroy());
    }
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
    pair.client.resume();
    pair.upstream.resume();
  }

  /** Drops every connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.held = false;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts connections again on the same port. */
  async restore(): Promise<void> {
    await this.start(this.port);
  }

  /** Passes nothing either way, on open connections and new ones, which stay open. */
  blackhole(): void {
    this.held = true;
    for (const pair of this.pairs) {
      pair.client.unpipe();
      pair.upstream?.unpipe();
      pair.client.pause();
      pair.upstream?.pause();
    }
  }

  /** Passes everything again, what was held included. */
  release(): void {
    this.held = false;
    for (const pair of [...this.pairs]) if (!pair.client.destroyed) this.forward(pair);
  }
}
