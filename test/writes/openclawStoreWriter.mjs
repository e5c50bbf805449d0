// Child process for the concurrency tests: OpenClaw 2026.6.1's own write path, loaded from its
// installed bundle (scripts/peer-bundle.mjs): upsertAuthProfileWithLock, what `models auth
// paste-token` and the gateway use (its auth-profiles.json.lock, load inside the lock, save), and
// setAuthProfileOrder every `orderEvery`-th time. Prints `ok <i>`, or `fail <i>` when OpenClaw
// reports it could not write (it returns null then); `count` < 0 writes until killed. Says `ready`, starts on a
// line on stdin, pauses up to `pauseMs` between writes.
import { importBundledFunction, peerDist } from '../../scripts/peer-bundle.mjs';

const { peerDir, agentDir, prefix, count, orderEvery, pauseMs, bundleFiles } = JSON.parse(process.argv[2] ?? '{}');
const all = peerDist(peerDir);
// The parent may name the modules to look in: scanning the whole bundle costs a second per start.
const dist = bundleFiles ? { dist: all.dist, files: bundleFiles } : all;
const upsert = await importBundledFunction(dist, 'upsertAuthProfileWithLock');
const setOrder = await importBundledFunction(dist, 'setAuthProfileOrder');
if (!upsert || !setOrder) throw new Error('OpenClaw write functions not found in the bundle');
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
for (let i = 0; count < 0 || i < count; i++) {
  const stored = await upsert({ profileId: `${prefix}:${i}`, credential: { type: 'token', provider: prefix, token: `tok-${prefix}-${i}` }, agentDir });
  const ordered = orderEvery > 0 && i % orderEvery === 0 ? await setOrder({ agentDir, provider: prefix, order: [`${prefix}:${i}`] }) : true;
  process.stdout.write(stored && ordered ? `ok ${i}\n` : `fail ${i}\n`);
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * pauseMs));
}
