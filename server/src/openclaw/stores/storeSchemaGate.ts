import { validate } from '../generated/authStoreValidator.js';

/**
 * Whether parsed `auth-profiles.json` content matches `authStoreFileSchema`, answered by the same
 * schema compiled to plain code by ajv (scripts/generate-schema.ts). On a well-formed store it is
 * about 3× faster than zod's safeParse and allocates nothing (zod builds a result object per field),
 * which matters on a fleet home of thousands of profiles (bench/status). zod still explains every
 * store this rejects; test/unit/storeSchemaGate.test.ts checks that the two accept the same stores.
 */
export function isWellFormedStore(value: unknown): boolean {
  return (validate as (data: unknown) => boolean)(value);
}
