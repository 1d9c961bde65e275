/**
 * Real Redis servers for the Redis store tests: a standalone server, or a Redis Cluster of three
 * masters, each process on 127.0.0.1 at a free port with its own temporary directory and no
 * persistence. Tests fail (never skip) when redis-server is missing: `.ci/run` (through `npm
 * test` and scripts/ensure-redis.sh) installs it. Readiness is read from each server's log (its
 * stdout), never waited for by the clock: a slow machine only makes the hooks take longer.
 */
import { spawn, spawnSync, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** A standalone server that can also be stopped from synchronous code. */
export interface StandaloneRedisServer extends RedisServer {
  /**
   * Stops the server before returning (SHUTDOWN NOSAVE through redis-cli, which returns once the
   * server has gone): from a synchronous hook, the next command the client sends meets no server.
   */
  stopNow(): void;
}

export interface RedisClusterServers extends RedisServer {
  /** One URL per master, for checks that look at a single node. */
  nodes: string[];
}

function findTool(name: string): string {
  const dirs = ['/usr/bin', ...(process.env['PATH'] ?? '').split(path.delimiter).filter((d) => d !== '')];
  for (const d of dirs) {
    const p = path.join(d, name);
    if (existsSync(p)) return p;
  }
  throw new Error(
    `${name} is not installed (looked in /usr/bin and PATH): the Redis store tests need real servers; ` +
      `.ci/run installs it (npm test runs scripts/ensure-redis.sh), or run: apt-get install redis-server redis-tools`,
  );
}

/** A port nobody listens on right now (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = await freePort();
    if (p + 10000 > 65535 || taken.has(p) || taken.has(p + 10000)) continue;
    if (await portIsFree(p + 10000)) return p;
  }
  throw new Error('no free port pair (port, port + 10000) found for a Redis Cluster node');
}

interface Node {
  port: number;
  proc: ChildProcess;
  dir: string;
  exited: Promise<void>;
  /** Resolves once the server's log matches; rejects when the server ends first. */
  logged(pattern: RegExp): Promise<void>;
}

const live = new Set<Node>();
process.once('exit', () => {
  for (const n of live) n.proc.kill('SIGKILL');
});

async function startNode(port: number, extra: string[]): Promise<Node> {
  const server = findTool('redis-server');
  const dir = mkdtempSync(path.join(tmpdir(), 'reprint-redis-'));
  // No --logfile: the log comes on stdout, where readiness is read from.
  const proc = spawn(
    server,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  let log = '';
  let ended: string | null = null;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  const append = (d: Buffer) => {
    log += d.toString();
    notify();
  };
  // Read to the end (a full pipe would stall the server).
  proc.stdout!.on('data', append);
  proc.stderr!.on('data', append);
  const exited = new Promise<void>((resolve) => {
    proc.once('close', (code, signal) => {
      ended ??= `exit code ${code}, signal ${signal}`;
      notify();
      resolve();
    });
    proc.once('error', (err) => {
      ended ??= err.message;
      notify();
      resolve();
    });
  });
  const logged = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(log)) {
          waiters.delete(check);
          resolve();
        } else if (ended !== null) {
          waiters.delete(check);
          reject(new Error(`redis-server on port ${port} ended (${ended}) before logging ${pattern}:\n${log.slice(-2000)}`));
        }
      };
      waiters.add(check);
      check();
    });
  const node: Node = { port, proc, dir, exited, logged };
  live.add(node);
  try {
    await logged(/Ready to accept connections/);
  } catch (err) {
    await stopNode(node);
    throw err;
  }
  return node;
}

async function stopNode(node: Node): Promise<void> {
  if (node.proc.exitCode === null && node.proc.signalCode === null) {
    node.proc.kill('SIGTERM');
    const killed = setTimeout(() => node.proc.kill('SIGKILL'), 3000);
    await node.exited;
    clearTimeout(killed);
  }
  live.delete(node);
  rmSync(node.dir, { recursive: true, force: true });
}

/** Start a node, trying other ports when the chosen one was taken in the meantime. */
async function startOnFreePort(pick: () => Promise<number>, extra: string[]): Promise<Node> {
  let last: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await startNode(await pick(), extra);
    } catch (err) {
      last = err;
    }
  }
  throw last;
}

/** A standalone redis-server on a free loopback port; `extra`: more server options (`--databases 2`). */
export async function startRedis(extra: string[] = []): Promise<StandaloneRedisServer> {
  findTool('redis-server');
  const node = await startOnFreePort(freePort, extra);
  const stopNow = (): void => {
    const done = spawnSync(findTool('redis-cli'), ['-p', String(node.port), 'shutdown', 'nosave'], { encoding: 'utf8' });
    // Gone: a second connection is refused.
    const ping = spawnSync(findTool('redis-cli'), ['-p', String(node.port), 'ping'], { encoding: 'utf8' });
    if (ping.stdout.includes('PONG')) throw new Error(`redis-server on port ${node.port} still answers after SHUTDOWN: ${done.stdout}${done.stderr}`);
  };
  return { url: `redis://127.0.0.1:${node.port}`, stop: () => stopNode(node), stopNow };
}

/** A Redis Cluster of three masters (no replicas), ready (`cluster_state:ok` on every node). */
export async function startRedisCluster(): Promise<RedisClusterServers> {
  findTool('redis-server');
  const cli = findTool('redis-cli');
  const taken = new Set<number>();
  const nodes: Node[] = [];
  const stop = async () => {
    await Promise.all(nodes.map(stopNode));
  };
  try {
    for (let i = 0; i < 3; i++) {
      const node = await startOnFreePort(
        () => freeClusterPort(taken),
        ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000'],
      );
      taken.add(node.port).add(node.port + 10000);
      nodes.push(node);
    }
    await run(cli, ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    // Each node logs the change once it covers every slot (so knows all three masters).
    await Promise.all(nodes.map((n) => n.logged(/Cluster state changed: ok/)));
  } catch (err) {
    await stop();
    throw err;
  }
  const urls = nodes.map((n) => `redis://127.0.0.1:${n.port}`);
  return { url: urls[0]!, nodes: urls, stop };
}
