#!/usr/bin/env node
// The alloclab command. An installed package runs its build (dist/); a checkout of the repository,
// which has the TypeScript sources and no build, runs those (Node strips their types).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`alloclab: needs Node 22.12 or newer (this is Node ${process.versions.node})`);
  process.exit(2);
}

// A user's scene file is TypeScript. Node strips types by default from 22.18 and 23.6; before,
// behind a flag: start again with it (in NODE_OPTIONS, so the measuring processes get it too).
const RESPAWNED = 'ALLOCLAB_RESPAWNED';
if (!process.features.typescript) {
  if (process.env[RESPAWNED]) {
    console.error(`alloclab: this Node (${process.versions.node}) cannot strip TypeScript types, which scene files need`);
    process.exit(2);
  }
  const flags = '--experimental-strip-types --disable-warning=ExperimentalWarning';
  // A flag that turns stripping off would win over NODE_OPTIONS in the new process too.
  const execArgv = process.execArgv.filter((arg) => arg !== '--no-experimental-strip-types');
  const child = spawn(process.execPath, [...execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    // The channel tells the new process when this one is gone, even killed outright (see below).
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [RESPAWNED]: '1', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${flags}`.trim() },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1)));
} else {
  if (process.env[RESPAWNED] && process.channel) {
    delete process.env[RESPAWNED];
    // Started by the block above: when that process ends without passing a signal on (SIGKILL),
    // its channel closes; stop as on SIGTERM, so measuring processes and temporary files go too.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  const sources = new URL('../src/cli/main.ts', import.meta.url);
  const entry = existsSync(fileURLToPath(sources)) ? sources : new URL('../dist/src/cli/main.js', import.meta.url);
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
}
