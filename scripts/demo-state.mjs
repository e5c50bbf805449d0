// Writes the demo OpenClaw state (agents with ok, expiring, expired and missing credentials) into
// the folder given as argument, expiry times relative to now. Used by scripts/start.sh.
// Usage: node --import tsx scripts/demo-state.mjs <state-dir>
import path from 'node:path';
import { writeFixture } from '../test/fixtures/homes.ts';

const target = process.argv[2];
if (!target) {
  console.error('usage: node --import tsx scripts/demo-state.mjs <state-dir>');
  process.exit(3);
}
console.log(writeFixture('demo', path.resolve(target)));
