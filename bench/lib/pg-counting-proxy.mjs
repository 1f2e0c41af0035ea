/**
 * A TCP proxy between a server and PostgreSQL that counts the statements the server sends: every
 * 'Q' (simple query) and 'E' (execute, extended protocol) message of the frontend protocol. The
 * bytes are passed through untouched; only the client→server direction is parsed.
 *
 * Frontend framing: untyped messages first (int32 length including itself, int32 code: SSLRequest,
 * GSSENCRequest, CancelRequest or the StartupMessage with protocol 3.x), then typed messages
 * (1 byte type, int32 length including itself, body). TLS is not supported (the bench connects
 * without it; an SSLRequest is answered 'N' by a server without TLS and parsing goes on).
 */
import net from 'node:net';

const PROTOCOL_3 = 3 << 16;
const COUNTED_TYPES = new Set(['Q'.charCodeAt(0), 'E'.charCodeAt(0)]);

/** Counts the counted messages in one connection's client→server byte stream, chunk by chunk. */
export function createFrontendCounter(onStatement) {
  let inStartup = true;
  let header = Buffer.alloc(0);
  let bodyBytesLeft = 0;
  return function consume(chunk) {
    let offset = 0;
    while (offset < chunk.length) {
      if (bodyBytesLeft > 0) {
        const skipped = Math.min(bodyBytesLeft, chunk.length - offset);
        bodyBytesLeft -= skipped;
        offset += skipped;
        continue;
      }
      const headerSize = inStartup ? 8 : 5;
      const taken = Math.min(headerSize - header.length, chunk.length - offset);
      header = Buffer.concat([header, chunk.subarray(offset, offset + taken)]);
      offset += taken;
      if (header.length < headerSize) break;
      if (inStartup) {
        const length = header.readInt32BE(0);
        const code = header.readInt32BE(4);
        bodyBytesLeft = length - 8;
        if (code >>> 16 === PROTOCOL_3 >>> 16) inStartup = false;
      } else {
        const type = header[0];
        bodyBytesLeft = header.readInt32BE(1) - 4;
        if (COUNTED_TYPES.has(type)) onStatement(String.fromCharCode(type));
      }
      header = Buffer.alloc(0);
    }
  };
}

/**
 * Listens on host:port (0 = any free port) and forwards to target. `statements` is the running
 * total of counted messages over all connections.
 * → { port, url(databaseUrl), statements, close() }
 */
export async function startCountingProxy({
  targetHost = '127.0.0.1',
  targetPort = 5432,
  host = '127.0.0.1',
  port = 0,
}) {
  const sockets = new Set();
  const proxy = {
    port: 0,
    statements: 0,
    byType: { Q: 0, E: 0 },
    /** The same database URL, pointed at the proxy. */
    url(databaseUrl) {
      const target = new URL(databaseUrl);
      target.hostname = host;
      target.port = String(proxy.port);
      return target.toString();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const count = createFrontendCounter((type) => {
      proxy.statements += 1;
      proxy.byType[type] += 1;
    });
    client.on('data', (chunk) => {
      count(chunk);
      if (!upstream.write(chunk)) client.pause();
    });
    upstream.on('drain', () => client.resume());
    upstream.on('data', (chunk) => {
      if (!client.write(chunk)) upstream.pause();
    });
    client.on('drain', () => upstream.resume());
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', closeBoth);
      socket.on('close', closeBoth);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  proxy.port = server.address().port;
  return proxy;
}
