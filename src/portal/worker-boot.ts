// Worker threads that run our TypeScript. We run it through tsx, whose `--import` hooks do not reach
// worker threads; so each worker starts from a one-line module that registers tsx in its own
// thread, then loads the real worker.
export function workerBootUrl(workerUrl: URL): URL {
  return new URL(
    `data:text/javascript,${encodeURIComponent(`const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(workerUrl.href)});`)}`,
  );
}
