import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, tieringFlag } from '../../../src/runtime/tiering.js';

describe('tieringFlag', () => {
  it('raises V8 interrupt budget when the process was given none', () => {
    expect(tieringFlag([])).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    expect(tieringFlag(['--enable-source-maps', '--max-old-space-size=4096'])).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    // a flag that only starts the same way is not the budget
    expect(tieringFlag(['--interrupt-budget-for-feedback-allocation=900'])).not.toBeNull();
  });

  it('leaves a budget given to node as it is', () => {
    expect(tieringFlag(['--interrupt-budget=1000'])).toBeNull();
    expect(tieringFlag(['--interrupt_budget=1000'])).toBeNull();
    expect(tieringFlag(['--max-old-space-size=4096', '--interrupt-budget', '1000'])).toBeNull();
  });

  it('is a flag this Node accepts', () => {
    // V8 rejects an unknown flag only on the command line: node exits 9 with "bad option"
    const flag = tieringFlag([])!;
    const r = spawnSync(process.execPath, [flag, '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok');
    const bad = spawnSync(process.execPath, ['--interrupt-budgets=1', '-e', ''], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });
});
