// The receiver loop: pull what is waiting, open it, answer. Network trouble is met with a growing
// pause and another try; the portal keeps every message until it is answered, so nothing is lost
// while the receiver is away, and answering is idempotent, so a message received twice is fine.
import { ApiError, DeliveryClient, type PendingMessage } from './delivery-client.ts';
import { ReceiveError, receiveMessage, type ReceiverKeys } from './receive-message.ts';

export interface ReceiverOptions {
  client: DeliveryClient;
  keys: () => ReceiverKeys;
  outDir: string;
  pollIntervalMs: number;
  log: (line: string) => void;
  signal?: AbortSignal;
}

export interface PollResult {
  received: string[];
  refused: string[];
}

/** One pass over everything waiting. Throws on network or server trouble (the caller retries). */
export async function pollOnce(options: Omit<ReceiverOptions, 'pollIntervalMs' | 'signal'>): Promise<PollResult> {
  const result: PollResult = { received: [], refused: [] };
  let after: string | undefined;
  do {
    const page = await options.client.listPending(after);
    for (const message of page.meldinger) await handle(options, message, result);
    after = page.neste ?? undefined;
  } while (after);
  return result;
}

async function handle(options: Omit<ReceiverOptions, 'pollIntervalMs' | 'signal'>, message: PendingMessage, result: PollResult): Promise<void> {
  const ciphertext = await options.client.download(message.id);
  try {
    const received = await receiveMessage(ciphertext, message, options.keys(), options.outDir);
    await answer(options, message, { type: 'mottatt' });
    result.received.push(message.referanse);
    options.log(`mottatt ${message.referanse} (${received.files.length} filer) → ${received.folder}`);
  } catch (error) {
    if (!(error instanceof ReceiveError)) throw error;
    await answer(options, message, { type: 'feilet', melding: error.message });
    result.refused.push(message.referanse);
    options.log(`feilet ${message.referanse}: ${error.message}`);
  }
}

async function answer(options: Omit<ReceiverOptions, 'pollIntervalMs' | 'signal'>, message: PendingMessage, receipt: { type: 'mottatt' } | { type: 'feilet'; melding: string }) {
  try {
    await options.client.answer(message.id, receipt);
  } catch (error) {
    // 409: the portal gave up waiting and sent it by post; the service has it either way.
    if (error instanceof ApiError && error.status === 409) {
      options.log(`${message.referanse}: portalen har allerede sendt meldingen i posten`);
      return;
    }
    throw error;
  }
}

const MAX_BACKOFF_MS = 60_000;

/** Runs until the signal aborts; reconnects with backoff after any failure. */
export async function runReceiver(options: ReceiverOptions): Promise<void> {
  let failures = 0;
  while (!options.signal?.aborted) {
    try {
      await pollOnce(options);
      if (failures) options.log('forbindelsen er tilbake');
      failures = 0;
    } catch (error) {
      failures++;
      const detail = error instanceof ApiError ? `${error.status} ${error.code}` : (error as Error).message;
      options.log(`feil mot portalen (${detail}); prøver igjen`);
    }
    const pause = failures ? Math.min(options.pollIntervalMs * 2 ** failures, MAX_BACKOFF_MS) : options.pollIntervalMs;
    await sleep(pause, options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
