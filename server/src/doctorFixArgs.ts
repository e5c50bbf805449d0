import type { DoctorFixArgs } from './protocol.js';

/** The only variables the doctor's terminal may be given: the command never sets PATH or the like, whatever it is sent. */
const DOCTOR_ENV_KEYS: ReadonlySet<string> = new Set(['OPENCLAW_STATE_DIR']);

/**
 * Whether `value` is a DoctorFixArgs: checked by the server on the diagnostic a client sends back
 * (features/quickFixes.ts) and by the client's command before it opens a terminal (client/src/doctorFix.ts).
 */
export function isDoctorFixArgs(value: unknown): value is DoctorFixArgs {
  if (typeof value !== 'object' || value === null) return false;
  const { stateDir, env, file } = value as Record<string, unknown>;
  if (typeof stateDir !== 'string' || !(stateDir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(stateDir))) return false;
  if (typeof file !== 'string' || typeof env !== 'object' || env === null || Array.isArray(env)) return false;
  return Object.entries(env).every(([key, v]) => DOCTOR_ENV_KEYS.has(key) && (v === null || typeof v === 'string'));
}
