// Throwaway Redis servers for the benchmarks: a standalone redis-server on a free loopback port (the
// index benchmark), and a three-master Redis Cluster (the cluster-index benchmark).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function startRedisServer() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reprint-bench-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: proc.pid,
    async stop() {
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A Redis Cluster of three masters on loopback (the JS twin of test/helpers/redis-servers.ts):
// each node its own redis-server process, temp folder and free port (with a free bus port,
// port + 10000), no persistence; joined by `redis-cli --cluster create`. Readiness is read from
// each server's log, never waited for by the clock.

const liveNodes = new Set();
process.once('exit', () => {
  for (const n of liveNodes) n.proc.kill('SIGKILL');
});

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function freeClusterPort(taken) {
  for (let i = 0; i < 200; i++) {
    const p = await freePort();
    if (p + 10000 > 65535 || taken.has(p) || taken.has(p + 10000)) continue;
    if (await portIsFree(p + 10000)) return p;
  }
  throw new Error('no free port pair (port, port + 10000) for a Redis Cluster node');
}

async function startNode(port, extra) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'reprint-bench-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: dir,
  });
  let log = '';
  let ended = null;
  const waiters = new Set();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  const append = (d) => {
    log = (log + d).slice(-20000);
    notify();
  };
  proc.stdout.on('data', append);
  proc.stderr.on('data', append);
  const exited = new Promise((resolve) => {
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
  const logged = (pattern) =>
    new Promise((resolve, reject) => {
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
  const node = { port, proc, pid: proc.pid, dir, exited, logged };
  liveNodes.add(node);
  try {
    await logged(/Ready to accept connections/);
  } catch (err) {
    await stopNode(node);
    throw err;
  }
  return node;
}

async function stopNode(node) {
  if (node.proc.exitCode === null && node.proc.signalCode === null) {
    node.proc.kill('SIGTERM');
    const killed = setTimeout(() => node.proc.kill('SIGKILL'), 3000);
    await node.exited;
    clearTimeout(killed);
  }
  liveNodes.delete(node);
  rmSync(node.dir, { recursive: true, force: true });
}

/**
 * A Redis Cluster of `masters` masters (no replicas), ready (`Cluster state changed: ok` logged by
 * every node). Returns { url (first node), nodes: [{ url, host, port, pid }], stop() }.
 */
export async function startRedisCluster({ masters = 3 } = {}) {
  const taken = new Set();
  const nodes = [];
  const stop = async () => {
    await Promise.all(nodes.map(stopNode));
  };
  try {
    for (let i = 0; i < masters; i++) {
      let node = null;
      let last;
      for (let attempt = 0; attempt < 5 && !node; attempt++) {
        try {
          node = await startNode(await freeClusterPort(taken), ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']);
        } catch (err) {
          last = err;
        }
      }
      if (!node) throw last;
      taken.add(node.port).add(node.port + 10000);
      nodes.push(node);
    }
    await new Promise((resolve, reject) => {
      execFile('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'], (err, stdout, stderr) =>
        err ? reject(new Error(`redis-cli --cluster create failed: ${err.message}\n${stdout}${stderr}`)) : resolve(),
      );
    });
    await Promise.all(nodes.map((n) => n.logged(/Cluster state changed: ok/)));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `redis://127.0.0.1:${nodes[0].port}`,
    nodes: nodes.map((n) => ({ url: `redis://127.0.0.1:${n.port}`, host: '127.0.0.1', port: n.port, pid: n.pid })),
    stop,
  };
}
