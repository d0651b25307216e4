// The process table as Linux's /proc shows it, for tests and the fault soak: who started whom,
// and whether a process still runs (a zombie, ended but not yet reaped, does not).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'alloclab.js');

/** pid -> parent pid and state letter, for every process. */
export function processTable(): Map<number, { ppid: number; state: string }> {
  const table = new Map<number, { ppid: number; state: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(entry), { ppid: Number(ppid), state: state! });
  }
  return table;
}

/** Every process under `pid` (children, their children, ...). */
export function descendants(pid: number): number[] {
  const table = processTable();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.pop()!;
    for (const [child, { ppid }] of table) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** True while `pid` runs (false once it ended, reaped or not). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The renderer processes among `pids` (Chromium's `--type=renderer` children). */
function renderers(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

/**
 * Runs `alloclab args...` and kills every renderer of its browser `afterMs` after the first one
 * appeared, `times` times (a renderer that dies as one can under a real game, e.g. out of memory).
 */
export function withDyingRenderer(args: string[], times: number, afterMs: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; tree: number[] }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const seen = new Set<number>();
    const killed = new Set<number>();
    let kills = 0;
    let firstSeen = 0;
    const watcher = setInterval(() => {
      for (const pid of descendants(child.pid!)) seen.add(pid);
      const live = renderers([...seen]).filter((pid) => !killed.has(pid) && isRunning(pid));
      if (kills >= times || live.length === 0) return;
      firstSeen ||= Date.now();
      if (Date.now() - firstSeen < afterMs) return;
      for (const pid of live) {
        killed.add(pid);
        process.kill(pid, 'SIGKILL');
      }
      kills++;
      firstSeen = 0;
    }, 50);
    child.on('close', (code) => {
      clearInterval(watcher);
      resolve({ code, stdout, stderr, tree: [...seen] });
    });
  });
}
