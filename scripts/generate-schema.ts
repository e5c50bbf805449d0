/**
 * Writes schemas/auth-profiles.schema.json from the zod schema in server/src/openclaw/storeSchema.ts,
 * so VS Code's JSON support validates and completes the file too. Run: npm run generate:schema.
 * test/unit/schema.test.ts fails when the committed file is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { authProfilesJsonSchema } from '../server/src/openclaw/storeSchema.ts';

const out = path.resolve(import.meta.dirname, '..', 'schemas', 'auth-profiles.schema.json');
fs.writeFileSync(out, JSON.stringify(authProfilesJsonSchema(), null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), out)}`);
