// Run under a Node with node:sqlite: reads one row through readSqliteUntouched while the database's
// modification time is moved between the two looks `touches` times, and prints the outcome as JSON.
import fs from 'node:fs';
import { readSqliteUntouched } from '../../server/src/openclaw/stores/sqliteRead.ts';

const [database = '', touchesArg = '0'] = process.argv.slice(2);
let touches = Number(touchesArg);
let clock = Date.now() / 1000;
const result = readSqliteUntouched(database, (db) => db.prepare('SELECT count(*) AS n FROM auth_profile_store').get()?.n, {
  betweenLooks: () => {
    if (touches-- <= 0) return;
    clock += 1;
    fs.utimesSync(database, clock, clock);
  },
});
process.stdout.write(JSON.stringify({ result, touchesLeft: Math.max(touches, 0) }));
