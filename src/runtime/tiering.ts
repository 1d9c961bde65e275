/**
 * When V8 compiles reprint's code with its optimising compiler. The CLI sets it once, at start,
 * for the whole process (V8's flags are per process: the main thread and every worker).
 *
 * V8 optimises a function after it has run about 66 KB of bytecode (`--interrupt-budget`). A
 * worker extracting web pages reaches that for Readability's candidate search, linkedom's tree
 * walks and the furniture rules after a handful of pages, whose element kinds and text shapes are
 * not yet the run's: the code is optimised, deoptimised at the next page with an element kind it
 * has not seen ("wrong map"), and optimised again. On the 288 real news pages of the HTML bench,
 * V8's compiler threads took about a quarter of the whole run's CPU, half of it on functions
 * compiled two to six times. With eight times the budget a function is optimised on the feedback
 * of more pages, and fewer times. Measured (README, "Speed near the machine's limit", ninth
 * pass): `reprint extract` 10–16% less CPU on the news pages and Readability's test pages (with
 * `--jobs 2`, 15% less wall time too); scans of plain text within the noise; the code's speed
 * once optimised, the same.
 */
import { setFlagsFromString } from 'node:v8';

/** Eight times V8's default (67,584 bytes of bytecode in Node 20). */
export const INTERRUPT_BUDGET = 8 * 67_584;

const BUDGET_FLAG = /^--interrupt[-_]budget(?:=|$)/;

/**
 * The V8 flag the CLI sets, or null when node was started with a budget of its own (`node
 * --interrupt-budget=67584 bin/reprint.js ...` runs with V8's default), which is left as given.
 * (Node does not take V8's flags from NODE_OPTIONS.)
 */
export function tieringFlag(execArgv: readonly string[]): string | null {
  if (execArgv.some((a) => BUDGET_FLAG.test(a))) return null;
  return `--interrupt-budget=${INTERRUPT_BUDGET}`;
}

/** Sets tieringFlag()'s flag for this process; call before any worker starts. */
export function tuneTiering(): void {
  const flag = tieringFlag(process.execArgv);
  if (flag !== null) setFlagsFromString(flag);
}
