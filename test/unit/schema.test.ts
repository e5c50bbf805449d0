import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { authProfilesJsonSchema } from '../../server/src/openclaw/stores/storeSchema.ts';
import { compiledConfigModelsValidatorSource, compiledStoreValidatorSource } from '../../scripts/storeValidatorSource.ts';

test('committed schemas/auth-profiles.schema.json matches the zod schema (run npm run generate:schema)', () => {
  const committed = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'schemas', 'auth-profiles.schema.json'), 'utf8'));
  assert.deepEqual(committed, JSON.parse(JSON.stringify(authProfilesJsonSchema())));
});

test('the JSON schema requires profiles and knows the three credential types', () => {
  const schema = authProfilesJsonSchema() as { required?: string[] };
  assert.ok(schema.required?.includes('profiles'));
  const text = JSON.stringify(schema);
  for (const t of ['api_key', 'token', 'oauth']) assert.ok(text.includes(`"${t}"`), t);
});

test('committed generated/authStoreValidator.ts is the current schema compiled by ajv (run npm run generate:schema)', () => {
  const committed = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'server', 'src', 'openclaw', 'generated', 'authStoreValidator.ts'), 'utf8');
  assert.equal(committed, compiledStoreValidatorSource());
});

test('committed generated/configModelsValidator.ts is OpenClaw\'s models schema compiled by ajv (run npm run generate:schema)', () => {
  const committed = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'server', 'src', 'openclaw', 'generated', 'configModelsValidator.ts'), 'utf8');
  assert.equal(committed, compiledConfigModelsValidatorSource());
});
