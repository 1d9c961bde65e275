// A worker for the pool tests: busy-waits the given milliseconds (synchronous, like a page that
// makes Readability spin), then answers with its thread id and the task's name.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', ({ name, ms, crash }) => {
  if (crash) process.exit(3);
  const end = Date.now() + ms;
  while (Date.now() < end);
  parentPort.postMessage({ name, threadId });
});
