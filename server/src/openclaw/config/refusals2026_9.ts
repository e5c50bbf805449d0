import { issue, words, type SourceIssue } from '../issues.js';
import { isRecord } from '../stores/authStore.js';
import { agentRoster } from './config.js';

/** What makes OpenClaw 2026.9 reject a config that 2026.6.1 accepted, each an error at its place. */
export function refusals2026_9(raw: Record<string, unknown>, configFile: string): SourceIssue[] {
  return [agentOwnershipRefusal(raw, configFile), ...envBlockRefusals(raw, configFile)].filter((i): i is SourceIssue => i !== undefined);
}

/**
 * 2026.9's `env` block takes only `shellEnv` and `vars` (a strict schema): a key set directly in it,
 * as 2026.6.1 allowed (`"env": { "OPENAI_API_KEY": … }`), makes the config invalid ("env:
 * Unrecognized key"). Under `vars` it is read as before.
 */
function envBlockRefusals(raw: Record<string, unknown>, configFile: string): SourceIssue[] {
  if (!isRecord(raw.env)) return [];
  return Object.keys(raw.env)
    .filter((key) => key !== 'shellEnv' && key !== 'vars')
    .slice(0, 1)
    .map((key) => issue('config/env-key-unrecognized', 'error', configFile, words('OpenClaw 2026.9 accepts only "shellEnv" and "vars" in the env block, so "{0}" makes it reject the whole config. Move it under "env": { "vars": { … } }.', key), ['env', key]));
}

/**
 * OpenClaw 2026.9 refuses a config whose roster has several agents unless it says who owns the
 * ambient commands: `agents.ownership: "explicit"` (what its doctor writes), or exactly one agent
 * marked `default: true`. Seen on its runs: "Invalid config … multi-agent rosters require
 * agents.ownership="explicit" or one legacy default=true marker", exit 1, no status.
 */
function agentOwnershipRefusal(raw: Record<string, unknown>, configFile: string): SourceIssue | undefined {
  const agents = isRecord(raw.agents) ? raw.agents : {};
  const roster = agentRoster(agents);
  if (roster.length < 2 || agents.ownership === 'explicit') return undefined;
  const marked = roster.filter((a) => a.default === true).length;
  if (marked === 1) return undefined;
  const which = marked === 0 ? words('none is marked "default": true') : words('{0} are marked "default": true', marked);
  return issue(
    'config/agents-owner-required',
    'error',
    configFile,
    words('Several agents are configured and {0}: OpenClaw 2026.9 rejects the whole config and does not start. Mark exactly one agent "default": true, or run `openclaw doctor --fix`, which sets agents.ownership to "explicit".', which),
    ['agents'],
  );
}
