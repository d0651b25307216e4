import { writeFileSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/**
 * Writes a file whole or not at all: the data goes to a temporary file beside the target, which
 * is then renamed over it (atomic on one file system). A failure leaves any old file untouched.
 */
export function writeFileAtomic(path: string, data: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
