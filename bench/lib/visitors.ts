// Simulated reporters for load: each its own browser (cookie jar) from its own loopback address, so
// the portal's per-address rate limit treats them as the different people they stand for.
import { HttpClient } from '../../test/kit/http-client.ts';

const visitors: HttpClient[] = [];

/** A new visitor: a browser with its own 127.x.y.z address (Linux routes all of 127/8 to loopback). */
export async function newVisitor(baseUrl: string): Promise<HttpClient> {
  const client = await HttpClient.fromOwnAddress(baseUrl);
  visitors.push(client);
  return client;
}

export async function closeVisitors(): Promise<void> {
  await Promise.all(visitors.splice(0).map((v) => v.close()));
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
