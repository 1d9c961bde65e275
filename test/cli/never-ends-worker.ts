/**
 * The extract worker, except that a page named `never-ends.html` never ends: a synchronous loop,
 * as Readability spinning on a page would be. Only the pool's time limit can stop it (by
 * terminating this worker). Every other page goes to the real worker's handler.
 *
 * The guard is a module of its own, imported first, so that its listener is in place before the
 * real worker's and both are before the first message arrives.
 */
import './never-ends-guard.js';
import '../../src/runtime/extract-worker.js';
