import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file whole or not at all: the data goes to a temporary file beside the target, which
 * is then renamed over it (atomic on one file system). A failure leaves any old file untouched.
 * A symlink is followed (the file it names is written; the link stays), and a path that names no
 * regular file (a device such as /dev/stdout, a pipe) is written to as it is, never replaced.
 */
export function writeFileAtomic(path: string, data: string): void {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile()) {
    writeFileSync(path, data);
    return;
  }
  // An existing regular file is written where it really is (through any symlinks); a new one here.
  const target = existing === undefined ? path : realpathSync(path);
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
