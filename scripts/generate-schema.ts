/**
 * Writes, from the zod schema in server/src/openclaw/stores/storeSchema.ts:
 * - schemas/auth-profiles.schema.json, so VS Code's JSON support validates and completes the file;
 * - server/src/openclaw/generated/authStoreValidator.ts, the same JSON Schema compiled by ajv into
 *   plain code (standalone: no schema compilation at start-up). The engine asks it first and runs
 *   zod only to explain a store it rejects (storeSchemaGate.ts);
 * - server/src/openclaw/generated/configModelsValidator.ts, the "models" section of openclaw.json as
 *   OpenClaw's own schema has it (data/config-models-schema-*.json), compiled the same way.
 * Run: npm run generate:schema. test/unit/schema.test.ts fails when either committed file is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { authProfilesJsonSchema } from '../server/src/openclaw/stores/storeSchema.ts';
import { compiledConfigModelsValidatorSource, compiledStoreValidatorSource } from './storeValidatorSource.ts';

const root = path.resolve(import.meta.dirname, '..');
const schemaFile = path.join(root, 'schemas', 'auth-profiles.schema.json');
fs.writeFileSync(schemaFile, JSON.stringify(authProfilesJsonSchema(), null, 2) + '\n');
console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);

const validatorFile = path.join(root, 'server', 'src', 'openclaw', 'generated', 'authStoreValidator.ts');
fs.mkdirSync(path.dirname(validatorFile), { recursive: true });
fs.writeFileSync(validatorFile, compiledStoreValidatorSource());
console.log(`wrote ${path.relative(process.cwd(), validatorFile)}`);

const modelsValidatorFile = path.join(root, 'server', 'src', 'openclaw', 'generated', 'configModelsValidator.ts');
fs.writeFileSync(modelsValidatorFile, compiledConfigModelsValidatorSource());
console.log(`wrote ${path.relative(process.cwd(), modelsValidatorFile)}`);
