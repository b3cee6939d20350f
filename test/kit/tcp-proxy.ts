// A TCP proxy a test owns, so "the other side goes away" is a real cut connection and a refused
// port, and "it comes back" is the same port answering again. Used in front of PostgreSQL (the
// database restarts) and in front of the portal (the receiver loses its network).
import net from 'node:net';
import { testDatabases, type TestDatabase } from './databases.ts';

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  /** Fixed after the first open(), so clients configured with the URL find it again after a cut. */
  port = 0;
  /** Connections accepted since creation: lets a test see that a client has been through. */
  connections = 0;
  /** 'blackhole' accepts connections and never answers: a server that hangs rather than refuses. */
  mode: 'forward' | 'blackhole' = 'forward';

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  get isOpen(): boolean {
    return this.server !== undefined;
  }

  async open(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      this.connections++;
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => {});
      if (this.mode === 'blackhole') return;
      const upstream = net.connect(this.upstreamPort, this.upstreamHost);
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** The other side "goes down": every connection is cut at once and the port refuses new ones. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * A fresh PostgreSQL database behind a proxy: `viaProxy` gives the portal the proxied URL, while the
 * test keeps `realUrl` for its own line past the proxy. `drop` closes the proxy and drops the database.
 */
export async function postgresBehindProxy(): Promise<{ proxy: TcpProxy; viaProxy: TestDatabase; realUrl: URL; drop(): Promise<void> }> {
  const postgres = testDatabases().find((d) => d.name === 'postgres');
  if (!postgres) throw new Error('set TEST_DATABASE_URL to run against PostgreSQL');
  const created = await postgres.create();
  const realUrl = new URL(created.databaseUrl!);
  const proxy = new TcpProxy(realUrl.hostname, Number(realUrl.port || 5432));
  await proxy.open();
  const proxied = new URL(realUrl.href);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const viaProxy: TestDatabase = { name: 'postgres', create: async () => ({ databaseUrl: proxied.href, drop: async () => {} }) };
  return {
    proxy,
    viaProxy,
    realUrl,
    drop: async () => {
      await proxy.close();
      await created.drop();
    },
  };
}
