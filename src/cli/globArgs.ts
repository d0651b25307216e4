import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './UsageError.ts';

/**
 * Command-line arguments with the quoted globs among them expanded (a shell that does not expand
 * them, or a user who quoted them for the same result everywhere): each pattern's files sorted, in
 * its place; other arguments as given. `keep` narrows what a pattern finds; a pattern that finds
 * nothing is a usage error, `what` saying what was looked for.
 */
export function expandGlobArgs(args: readonly string[], what: string, keep: (file: string) => boolean = () => true): string[] {
  const expanded: string[] = [];
  for (const arg of args) {
    if (!isDynamicPattern(arg)) {
      expanded.push(arg);
      continue;
    }
    const files = globSync(arg, { onlyFiles: true, ignore: ['**/node_modules/**'] })
      .filter(keep)
      .sort();
    if (files.length === 0) throw new UsageError(`no ${what} matches ${arg}`);
    expanded.push(...files);
  }
  return expanded;
}
