/**
 * Where the worker scripts are, and how a worker starts, from the build or from the sources.
 *
 * Built (dist/runtime/*.js, the only way the CLI runs): a worker is `new Worker(url)` of the .js
 * file beside this module, exactly as before; nothing else is loaded.
 *
 * From the TypeScript sources (vitest runs src/ in-process, so this module is a .ts file): the
 * worker is the .ts file beside it, which Node cannot load by itself, so the worker starts from a
 * small bootstrap that registers tsx (a dev dependency, resolved only here) inside the worker and
 * then imports the script.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export type WorkerName = 'extract-worker' | 'sign-worker';

const TS_FILE = /\.[cm]?ts$/;
const FROM_SOURCE = TS_FILE.test(new URL(import.meta.url).pathname);

const replaced = new Map<WorkerName, URL>();

/** The script of a named worker: `name.js` beside this module in the build, `name.ts` in the sources. */
export function workerScript(name: WorkerName): URL {
  return replaced.get(name) ?? new URL(`./${name}${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
}

/**
 * For tests run in-process: pools created from now on run `script` instead of the named worker,
 * until the returned function is called. Nothing in the CLI calls it.
 */
export function replaceWorkerScript(name: WorkerName, script: URL): () => void {
  replaced.set(name, script);
  return () => {
    if (replaced.get(name) === script) replaced.delete(name);
  };
}

/** Starts a worker on a script: a .js/.mjs file directly, a .ts file through tsx. */
export function createWorker(script: URL): Worker {
  if (!TS_FILE.test(script.pathname)) return new Worker(script);
  return new Worker(tsBootstrap(script), { eval: true });
}

/** CommonJS run as the worker's main script: register tsx in this thread, then import the .ts file. */
function tsBootstrap(script: URL): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register({ tsconfig: ${JSON.stringify(tsconfig)} }); return import(${JSON.stringify(script.href)}); });`;
}
