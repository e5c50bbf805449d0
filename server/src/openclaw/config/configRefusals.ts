import { isRecord } from '../stores/authStore.js';
import { validate as validateModels } from '../generated/configModelsValidator.js';
import { envRefAllowed } from './configProviderKey.js';
import type { EnvValue } from '../env/envSources.js';
import { issue, validatorWords, words, type SourceIssue, type Words } from '../issues.js';
import type { ProviderCatalog } from '../env/providerCatalog.js';
import { coerceSecretRef } from '../secretRef.js';

/** Issue codes of the findings that stop `openclaw models status` (and the gateway) from running. */
export const REFUSAL_CODES: ReadonlySet<string> = new Set([
  'config/provider-entry-invalid',
  'config/secret-needs-gateway',
  // 2026.9: several agents and no owner, a key directly in env; retired credential files beside an empty SQLite store.
  'config/agents-owner-required',
  'config/env-key-unrecognized',
  'store/retired-json-needs-migration',
]);

/**
 * What in `models` makes OpenClaw 2026.6.1 refuse to run on this config, each as an error with its
 * JSON path (learnt from the live CLI; see docs/differences.md):
 * - the config is invalid: `models` does not match OpenClaw's own schema for it (an unknown key, a
 *   model without a name…), or an entry for a provider OpenClaw does not ship lacks `baseUrl` or a
 *   `models` list. OpenClaw then refuses to start at all, the gateway included.
 * - otherwise, a secret reference object (`{ "source": … }`) in an `apiKey` or a header that the CLI
 *   cannot resolve itself: a file or exec reference, or an env reference whose variable is unset or
 *   not allowed. `models status` then asks the running gateway, and fails without a paired one.
 * Only the `models` section is checked (and some of its settings' values are taken as they are,
 * see scripts/storeValidatorSource.ts); an empty list does not promise OpenClaw accepts the rest.
 */
export function configRefusals(
  rawConfig: Record<string, unknown>,
  configFile: string,
  /** The environment OpenClaw reads; without it (an editor buffer with no resolved state yet) references are not judged. */
  env: ReadonlyMap<string, EnvValue> | undefined,
  catalog: ProviderCatalog,
): SourceIssue[] {
  const models = rawConfig.models;
  if (models === undefined) return [];
  if (!isRecord(models)) {
    return [issue('config/provider-entry-invalid', 'error', configFile, words('models must be an object; OpenClaw rejects the whole config and does not start.'), ['models'])];
  }
  const providers = isRecord(models.providers) ? models.providers : {};
  const invalid: SourceIssue[] = [];
  const schemaError = modelsSchemaError(models);
  if (schemaError) {
    invalid.push(issue('config/provider-entry-invalid', 'error', configFile, words('{0} {1}; OpenClaw rejects the whole config and does not start.', ['models', ...schemaError.path].join('.'), schemaError.message), ['models', ...schemaError.path]));
  }
  const unresolved: SourceIssue[] = [];
  for (const id of Object.keys(providers)) {
    const entry = providers[id];
    if (!isRecord(entry)) continue; // the schema error says so
    const at = (...rest: (string | number)[]) => ['models', 'providers', id, ...rest];
    if (!catalog.isModelProviderOverlay(id)) {
      const missing = [
        ...(typeof entry.baseUrl === 'string' && entry.baseUrl.length > 0 ? [] : ['baseUrl']),
        ...(Array.isArray(entry.models) ? [] : ['models']),
      ];
      for (const field of missing) {
        invalid.push(issue('config/provider-entry-invalid', 'error', configFile, words('"{0}" is not a provider OpenClaw ships, so its entry needs "{1}"; without it OpenClaw rejects the whole config and does not start.', id, field), at(field)));
      }
    }
    if (!env) continue;
    for (const [where, value] of secretInputs(entry)) {
      const reason = unresolvableLocally(value, rawConfig, env);
      if (reason) {
        unresolved.push(issue('config/secret-needs-gateway', 'error', configFile, words('{0} `openclaw models status` then asks the running gateway for it and fails on a machine not paired with one.', reason), at(...where)));
      }
    }
  }
  // An invalid config stops OpenClaw before any secret is looked at.
  return invalid.length > 0 ? invalid : unresolved;
}

interface SchemaError {
  /** Inside `models`. */
  path: (string | number)[];
  message: Words;
}

interface AjvError {
  instancePath: string;
  message?: string;
  params: { additionalProperty?: string };
}

/**
 * The first way `models` breaks OpenClaw's own schema for it (the compiled copy in generated/),
 * named at its most precise point: among the errors a union reports, the deepest.
 */
function modelsSchemaError(models: Record<string, unknown>): SchemaError | undefined {
  const validate = validateModels as ((data: unknown) => boolean) & { errors?: AjvError[] | null };
  if (validate(models)) return undefined;
  const errors = validate.errors ?? [];
  const deepest = errors.reduce<AjvError | undefined>((best, e) => (!best || e.instancePath.length > best.instancePath.length ? e : best), undefined);
  if (!deepest) return { path: [], message: words('does not match what OpenClaw accepts') };
  const path: (string | number)[] = deepest.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const extra = deepest.params.additionalProperty;
  if (extra !== undefined) return { path: [...path, extra], message: words('is not a setting OpenClaw knows') };
  return { path, message: deepest.message === undefined ? words('does not match what OpenClaw accepts') : validatorWords(deepest.message) };
}

/** The entry's `apiKey` and header values, with their paths inside the entry. */
function secretInputs(entry: Record<string, unknown>): [string[], unknown][] {
  const out: [string[], unknown][] = [];
  if (entry.apiKey !== undefined) out.push([['apiKey'], entry.apiKey]);
  if (isRecord(entry.headers)) for (const name of Object.keys(entry.headers)) out.push([['headers', name], entry.headers[name]]);
  return out;
}

/**
 * Why the CLI cannot resolve this reference object by itself, or undefined when it can (or when the
 * value is not a reference object: strings, `${VAR}` included, are read as they are).
 */
function unresolvableLocally(value: unknown, rawConfig: Record<string, unknown>, env: ReadonlyMap<string, EnvValue>): Words | undefined {
  if (!isRecord(value)) return undefined;
  const ref = coerceSecretRef(value);
  if (!ref) return undefined;
  if (ref.source !== 'env') return words('This {0} reference is resolved by the gateway only.', ref.source);
  if (!envRefAllowed(rawConfig, ref.provider ?? 'default', ref.id)) return words('The secrets provider "{0}" may not read {1}.', String(ref.provider), ref.id);
  if (!env.get(ref.id)?.value.trim()) return words('{0} is not set in the environment OpenClaw reads.', ref.id);
  return undefined;
}
