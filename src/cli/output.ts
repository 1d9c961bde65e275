/**
 * Where a report goes: stdout, or with `-o, --output <file>` a file that is replaced whole or not
 * at all, so a reader (a CI step, a dashboard) never sees half a report and a failed run leaves the
 * previous one in place.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { displayPathOf } from '../input/discover.js';
import { leafCommands } from './config.js';
import type { CliContext, OutputStream } from './io.js';

/** The report file cannot be written: one line, naming it. */
export class OutputError extends Error {}

export class ReportOutput {
  private target: string | null = null;

  constructor(private readonly ctx: CliContext) {}

  /** Adds `-o, --output` to every command, and checks the target before the run, not after it. */
  install(program: CommandUnknownOpts): void {
    // A command whose own output is files (index export) names their folder with -o itself.
    const ownOutput = new Set<CommandUnknownOpts>();
    for (const cmd of leafCommands(program).values()) {
      if (cmd.options.some((o) => o.long === '--output')) ownOutput.add(cmd);
      else cmd.option('-o, --output <file>', 'write the report to this file instead of stdout (replaced only when the report is complete)');
    }
    program.hook('preAction', (_program, cmd) => {
      if (ownOutput.has(cmd)) return;
      const file = cmd.getOptionValue('output');
      this.target = typeof file === 'string' ? path.resolve(this.ctx.cwd, file) : null;
      if (this.target !== null) this.checkWritable(this.target);
    });
  }

  /** What the report is written to, for deciding on colour: a file is never a terminal. */
  get stream(): OutputStream {
    return this.target === null ? this.ctx.stdout : { isTTY: false, write: () => true };
  }

  /** Writes the run's report (once per run). */
  write(report: string): void {
    if (this.target === null) {
      this.ctx.stdout.write(report);
      return;
    }
    try {
      writeFileAtomic(this.target, report);
    } catch (e) {
      throw this.error(e);
    }
  }

  private checkWritable(file: string): void {
    const folder = path.dirname(file);
    try {
      if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
      if (!statSync(folder).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
      accessSync(folder, constants.W_OK);
    } catch (e) {
      throw this.error(e);
    }
  }

  private error(e: unknown): OutputError {
    const target = this.target!;
    const folder = displayPathOf(path.dirname(target), this.ctx.cwd);
    const code = (e as NodeJS.ErrnoException)?.code;
    const reason =
      code === 'ENOENT' ? `no such folder ${folder}`
      : code === 'ENOTDIR' ? `${folder} is not a folder`
      : code === 'EISDIR' ? 'it is a folder'
      : code === 'EACCES' || code === 'EPERM' ? `permission denied in ${folder}`
      : code === 'EROFS' ? 'read-only file system'
      : code === 'ENOSPC' ? 'no space left on the device'
      : ((e as Error)?.message ?? String(e));
    return new OutputError(`cannot write the report to ${displayPathOf(target, this.ctx.cwd)}: ${reason}`);
  }
}

/**
 * Writes `text` to a temporary file beside `target`, flushed to disk, then renames it over the
 * target (atomic within one file system). On any failure the temporary file is removed and the
 * target is as it was.
 */
export function writeFileAtomic(target: string, text: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx');
    // A replaced report keeps its permissions, as it would if written in place.
    const previous = statSync(target, { throwIfNoEntry: false });
    if (previous?.isFile()) fchmodSync(fd, previous.mode & 0o7777);
    writeFileSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
}
