/**
 * Where the worker scripts are, and how a worker starts, from the build or from the sources.
 *
 * Built (dist/runtime/*.js, the only way the CLI runs): a worker is `new Worker(url)` of the .js
 * file beside this module, exactly as it always was; nothing else is loaded or checked.
 *
 * From the TypeScript sources (vitest runs src/ in-process, so this module is a .ts file): the
 * worker script is the .ts file beside it, which Node cannot run. Its graph of relative imports
 * is transpiled once, file by file, with the project's own TypeScript (a dev dependency, loaded
 * only then) into a mirror of the project under node_modules/.cache/reprint-workers/, and the
 * worker runs the mirrored .js file: no loader in the worker, so it starts as fast as a built one.
 * A mirrored file is rewritten only when its source changed (its mtime and size are recorded in
 * it). Bare imports resolve from the project's node_modules, as from the sources.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';

export type WorkerName = 'extract-worker' | 'verify-worker';

const TS_FILE = /\.([cm]?)ts$/;
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

/** Starts a worker on a script: a .js file as it is, a .ts file from its transpiled mirror. */
export function createWorker(script: URL): Worker {
  return new Worker(TS_FILE.test(script.pathname) ? transpiledScript(fileURLToPath(script)) : script);
}

// ---- From the sources only ----

/** The project: the folder that holds src/ and package.json. */
const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const MIRROR = path.join(PROJECT, 'node_modules', '.cache', 'reprint-workers');
const STAMP = /\n\/\/ reprint-source (\S+) (\d+)\n$/;
/** Relative module specifiers in emitted JavaScript: static imports, re-exports, import(). */
const RELATIVE_IMPORT = /\b(?:from|import)\s*\(?\s*(['"])(\.\.?\/[^'"]+)\1/g;

type Ts = typeof import('typescript');
let ts: Ts | null = null;
let compilerOptions: import('typescript').CompilerOptions | null = null;

function transpiledScript(file: string): URL {
  mirrorFile(path.join(PROJECT, 'package.json')); // "type": "module", and what ../../package.json reads
  mirrorModule(file, new Set());
  return pathToFileURL(mirrorPath(file));
}

function mirrorPath(file: string): string {
  const rel = path.relative(PROJECT, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`worker script outside the project: ${file}`);
  return path.join(MIRROR, rel.replace(TS_FILE, '.$1js'));
}

const stampOf = (info: Stats): string => `\n// reprint-source ${info.mtimeMs} ${info.size}\n`;

/** The relative imports of each mirrored module, by source file, with the stamp they were read at. */
const importsSeen = new Map<string, { stamp: string; imports: string[] }>();

/** Transpiles a .ts file into the mirror unless it is there already, then the files it imports. */
function mirrorModule(file: string, seen: Set<string>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const stamp = stampOf(statSync(file));
  const out = mirrorPath(file);
  let known = importsSeen.get(file);
  if (known?.stamp !== stamp || !existsSync(out)) {
    let code = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (!code.endsWith(stamp)) {
      code = transpile(file) + stamp;
      writeAtomically(out, code);
    }
    known = { stamp, imports: [...code.replace(STAMP, '').matchAll(RELATIVE_IMPORT)].map((m) => m[2]!) };
    importsSeen.set(file, known);
  }
  for (const specifier of known.imports) {
    const target = path.resolve(path.dirname(file), specifier);
    const source = target.replace(/\.([cm]?)js$/, '.$1ts');
    if (source !== target && existsSync(source)) mirrorModule(source, seen);
    else if (existsSync(target)) mirrorFile(target);
  }
}

/** Copies a file that is not TypeScript (JSON, JavaScript) into the mirror when it changed. */
function mirrorFile(file: string): void {
  const out = path.join(MIRROR, path.relative(PROJECT, file));
  if (existsSync(out) && statSync(out).mtimeMs >= statSync(file).mtimeMs) return;
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}-${threadId}.tmp`;
  copyFileSync(file, tmp);
  renameSync(tmp, out);
}

/** Writes through a temporary file and a rename: test processes running side by side never see half a file. */
function writeAtomically(out: string, text: string): void {
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}-${threadId}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
}

function transpile(file: string): string {
  ts ??= createRequire(import.meta.url)('typescript') as Ts;
  if (compilerOptions === null) {
    const tsconfig = path.join(PROJECT, 'tsconfig.json');
    const { config } = ts.readConfigFile(tsconfig, ts.sys.readFile);
    const { options } = ts.convertCompilerOptionsFromJson((config as { compilerOptions?: object }).compilerOptions ?? {}, PROJECT);
    // ES modules as written (the sources import './x.js'); a source map inline, for stack traces.
    compilerOptions = { ...options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, declaration: false, sourceMap: false, inlineSourceMap: true, inlineSources: true };
  }
  return ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file }).outputText;
}
