// Child process for the SQLite concurrency tests (run under Node 24 with tsx): stores `count` token
// profiles `<prefix>:<i>` through our SqliteStoreWriter, and after each write reads the store back
// and checks it is a whole store holding every profile this loop wrote so far. Prints `ok <i>` after
// each checked write (the parent kills it between lines), `bad <i> <why>` and exits 1 otherwise.
import { checkStoreHolds } from './sqliteStoreCheck.ts';
import { SqliteStoreWriter } from '../../server/src/openclaw/stores/sqliteWriter.ts';

const { stateDir, agentId, agentDir, prefix, count, storeDb, storeSql } = JSON.parse(process.argv[2] ?? '{}') as {
  stateDir: string; agentId: string; agentDir: string; prefix: string; count: number; storeDb: string; storeSql: string;
};
const writer = new SqliteStoreWriter({ stateDir, agentId, agentDir });
for (let i = 0; i < count; i++) {
  try {
    writer.apply({ kind: 'paste-token', provider: prefix, profileId: `${prefix}:${i}`, secret: `sk-ant-oat01-${'w'.repeat(80)}${i}`, credentialType: 'token' });
  } catch (error) {
    process.stdout.write(`bad ${i} write failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const problem = checkStoreHolds(storeDb, storeSql, prefix, i + 1);
  if (problem) {
    process.stdout.write(`bad ${i} ${problem}\n`);
    process.exit(1);
  }
  process.stdout.write(`ok ${i}\n`);
}
