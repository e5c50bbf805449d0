// Child process for the SQLite concurrency tests (Node 24): stores `count` token profiles
// `<prefix>:<i>` through OpenClaw 2026.9.6's own bundled write path (upsertAuthProfileWithLock,
// found by name in the installed bundle, as scripts/peer-bundle.mjs finds functions), checking the
// store after each write. Prints `ok <i>` / `bad <i> <why>` like sqliteWriteLoop.ts.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const { dist, agentDir, prefix, count, storeDb, storeSql, checker } = JSON.parse(process.argv[2] ?? '{}');
const name = 'upsertAuthProfileWithLock';
const file = fs.readdirSync(dist).filter((f) => f.endsWith('.mjs')).find((f) => fs.readFileSync(path.join(dist, f), 'utf8').includes(`async function ${name}(`));
if (!file) throw new Error(`${name} not found in ${dist}`);
const exported = /export\s*\{([^}]*)\}/.exec(fs.readFileSync(path.join(dist, file), 'utf8'))?.[1] ?? '';
const alias = exported.split(',').map((s) => s.trim().split(/\s+as\s+/)).find(([local]) => local === name)?.[1];
const upsert = (await import(pathToFileURL(path.join(dist, file)).href))[alias];
const { checkStoreHolds } = await import(pathToFileURL(checker).href);
for (let i = 0; i < count; i++) {
  await upsert({ profileId: `${prefix}:${i}`, credential: { type: 'token', provider: prefix, token: `sk-ant-oat01-${'o'.repeat(80)}${i}` }, agentDir });
  const problem = checkStoreHolds(storeDb, storeSql, prefix, i + 1);
  if (problem) {
    process.stdout.write(`bad ${i} ${problem}\n`);
    process.exit(1);
  }
  process.stdout.write(`ok ${i}\n`);
}
