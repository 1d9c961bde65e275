/**
 * A test hook for crash safety: with REPRINT_FAULT=<name>, the process stops at that point of a
 * write (everything written, nothing committed), says so on stderr and waits to be killed, so a
 * test can SIGKILL it exactly there. Does nothing otherwise.
 */
export function faultPoint(name: string): void {
  if (process.env['REPRINT_FAULT'] !== name) return;
  process.stderr.write(`reprint: fault ${name}: waiting to be killed\n`);
  // Block the thread: an open transaction stays open, an uncommitted stage stays uncommitted.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
