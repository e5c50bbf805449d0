// Child process for the concurrency tests: our JSON-era writer (the one writes.ts dispatches to)
// storing token profiles `<prefix>:<i>` into one agent's store, and every `orderEvery`-th time an
// order override `<prefix>: [<prefix>:<i>]` in auth-state.json. Says `ready`, starts on a line on stdin, prints
// `ok <i>` after each write, pauses up to `pauseMs` between writes; `count` < 0 writes until killed.
import { JsonStoreWriter } from '../../server/src/openclaw/stores/jsonStoreWriter.ts';

interface Args { agentDir: string; prefix: string; count: number; orderEvery: number; pauseMs: number }

async function main(): Promise<void> {
  const { agentDir, prefix, count, orderEvery, pauseMs } = JSON.parse(process.argv[2] ?? '{}') as Args;
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  const writer = new JsonStoreWriter({ agentId: 'main', agentDir, orderIn: 'auth-state' });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; count < 0 || i < count; i++) {
    writer.apply({ kind: 'paste-token', provider: prefix, profileId: `${prefix}:${i}`, secret: `tok-${prefix}-${i}`, credentialType: 'token' });
    if (orderEvery > 0 && i % orderEvery === 0) writer.apply({ kind: 'order-set', provider: prefix, profileIds: [`${prefix}:${i}`] });
    process.stdout.write(`ok ${i}\n`);
    if (pauseMs > 0) Atomics.wait(pause, 0, 0, Math.random() * pauseMs);
  }
}

void main();
