import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Where a whole-or-nothing write of `path` goes: a temporary file beside the file it replaces, or
 * null when `path` names something that is not a regular file (a device such as /dev/stdout, a
 * pipe), which is written to as it is, never replaced. A symlink to a regular file is followed:
 * the file it names is replaced; the link stays.
 */
export function stagingPath(path: string): { target: string; temp: string } | null {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile()) return null;
  // An existing regular file is written where it really is (through any symlinks); a new one here.
  const target = existing === undefined ? path : realpathSync(path);
  return { target, temp: join(dirname(target), `.${basename(target)}.${process.pid}.tmp`) };
}

/**
 * Writes a file whole or not at all: the data goes to a temporary file beside the target, which
 * is then renamed over it (atomic on one file system). A failure leaves any old file untouched.
 * A symlink is followed (the file it names is written; the link stays), and a path that names no
 * regular file (a device such as /dev/stdout, a pipe) is written to as it is, never replaced.
 */
export function writeFileAtomic(path: string, data: string): void {
  const staged = stagingPath(path);
  if (staged === null) {
    writeFileSync(path, data);
    return;
  }
  const { target, temp } = staged;
  mkdirSync(dirname(target), { recursive: true });
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
