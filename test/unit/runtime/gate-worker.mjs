// A worker for the pool tests that moves only when the test lets it, so nothing depends on how fast
// the machine is. Each task carries `gate`, an Int32Array over a SharedArrayBuffer (3 cells):
//   cell 0  the worker writes its thread id there (and wakes the test) when it starts the task;
//   cell 1  the worker blocks until the test sets it, then answers { name, threadId };
//   cell 2  never set: a `hang` task blocks on it forever, like a page that makes Readability spin
//           (only terminating the worker ends it).
// A `crash` task exits the worker with code 3 as soon as it has started.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', ({ name, gate, crash, hang }) => {
  Atomics.store(gate, 0, threadId);
  Atomics.notify(gate, 0);
  if (crash) process.exit(3);
  if (hang) for (;;) Atomics.wait(gate, 2, 0);
  while (Atomics.load(gate, 1) === 0) Atomics.wait(gate, 1, 0);
  parentPort.postMessage({ name, threadId });
});
