/**
 * Real Redis servers for the Redis store tests: a standalone server, or a Redis Cluster of three
 * masters, each process on 127.0.0.1 at a free port with its own temporary directory and no
 * persistence. Tests fail (never skip) when redis-server is missing: `.ci/run` (through `npm
 * test` and scripts/ensure-redis.sh) installs it.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PING over a raw socket: true once the server answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    let buf = '';
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
  });
}

interface Node {
  port: number;
  proc: ChildProcess;
  dir: string;
  exited: Promise<void>;
}

const live = new Set<Node>();
process.once('exit', () => {
  for (const n of live) n.proc.kill('SIGKILL');
});

async function startNode(port: number, extra: string[]): Promise<Node> {
  const server = findTool('redis-server');
  const dir = mkdtempSync(path.join(tmpdir(), 'reprint-redis-'));
  const proc = spawn(
    server,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', 'redis.log', ...extra],
    { stdio: 'ignore', cwd: dir },
  );
  let exitedEarly: string | null = null;
  const exited = new Promise<void>((resolve) => {
    proc.once('exit', (code, signal) => {
      exitedEarly = `exit code ${code}, signal ${signal}`;
      resolve();
    });
    proc.once('error', (err) => {
      exitedEarly = err.message;
      resolve();
    });
  });
  const node: Node = { port, proc, dir, exited };
  live.add(node);
  const deadline = Date.now() + 10_000;
  while (!(await ping(port))) {
    if (exitedEarly !== null || Date.now() > deadline) {
      await stopNode(node);
      throw new Error(`redis-server on port ${port} did not start (${exitedEarly ?? 'no answer after 10 s'})`);
    }
    await sleep(25);
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

/** A standalone redis-server on a free loopback port. */
export async function startRedis(): Promise<RedisServer> {
  findTool('redis-server');
  const node = await startOnFreePort(freePort, []);
  return { url: `redis://127.0.0.1:${node.port}`, stop: () => stopNode(node) };
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
    await run(cli, ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 30_000,
    });
    const deadline = Date.now() + 30_000;
    for (const n of nodes) {
      for (;;) {
        const { stdout } = await run(cli, ['-h', '127.0.0.1', '-p', String(n.port), 'cluster', 'info'], { timeout: 5000 });
        if (/cluster_state:ok/.test(stdout) && /cluster_known_nodes:3/.test(stdout)) break;
        if (Date.now() > deadline) throw new Error(`Redis Cluster node ${n.port} not ready after 30 s:\n${stdout}`);
        await sleep(100);
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const urls = nodes.map((n) => `redis://127.0.0.1:${n.port}`);
  return { url: urls[0]!, nodes: urls, stop };
}
