#!/usr/bin/env node
// The alloclab command. Node >= 22.18 runs the TypeScript sources directly (type stripping), so an
// older Node gets one line saying so rather than a loader error about the ".ts" extension.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`alloclab: needs Node 22.18 or newer (this is Node ${process.versions.node}); inside this project, npx alloclab uses the Node it pins`);
  process.exit(2);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
