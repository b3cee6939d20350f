// Simulated reporters for load: each its own browser (cookie jar) from its own loopback address, so
// the portal's per-address rate limit treats them as the different people they stand for.
import { HttpClient } from '../../test/helpers/http-client.ts';

const DISPATCHER = Symbol.for('undici.globalDispatcher.1');
let count = 0;
const agents: { close(): Promise<void> }[] = [];

type AgentClass = new (options: object) => { close(): Promise<void> };

async function agentClass(): Promise<AgentClass> {
  const g = globalThis as unknown as Record<symbol, { constructor: AgentClass } | undefined>;
  // Node creates fetch's dispatcher on first use; a refused connection to a closed port creates it.
  if (!g[DISPATCHER]) await fetch('http://127.0.0.1:1/').catch(() => undefined);
  if (!g[DISPATCHER]) throw new Error('fetch has no global dispatcher');
  return g[DISPATCHER]!.constructor;
}

/** A new visitor: a browser with its own 127.x.y.z address (Linux routes all of 127/8 to loopback). */
export async function newVisitor(baseUrl: string): Promise<HttpClient> {
  const Agent = await agentClass();
  count++;
  const address = `127.${(process.pid % 200) + 20}.${Math.floor(count / 250) % 250}.${(count % 250) + 1}`;
  const agent = new Agent({ localAddress: address });
  agents.push(agent);
  return new HttpClient(baseUrl, agent);
}

export async function closeVisitors(): Promise<void> {
  await Promise.all(agents.splice(0).map((a) => a.close().catch(() => {})));
}

/** Runs `task` for each item with at most `concurrency` at a time; results in order. */
export async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
