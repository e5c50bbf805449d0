import type { AgentState, OpenClawState } from '../state.js';
import { envDisplay } from '../resolve/agentStatus.js';
import { displayLabel, formatRemainingShort, maskedSecretOf } from '../mask.js';
import type { ProfileHealth } from '../resolve/health.js';
import { timeLeftWords } from './timeLeft.js';
import { homeConditionOf, homeConditionWords } from './homeCondition.js';
import { gatewayBlindKeysOf } from '../resolve/gatewayBlindKeys.js';

/**
 * A readable report in the spirit of `openclaw models status` (auth part), plus what OpenClaw keeps
 * silent: where each env key really comes from, and the problems found in the files. Paths are
 * absolute, as the tree's tooltips show them; time left is said by timeLeft.ts, as on every surface.
 */
export function formatStatusReport(state: OpenClawState, agent: AgentState): string {
  const s = agent.status;
  const m = s.models;
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`${label.padEnd(14)}: ${value}`);
  // First, before anything that could read as found on disk.
  const condition = homeConditionOf(state);
  if (condition) lines.push(homeConditionWords(condition, state), '');
  row('Config', state.configPath);
  row('Agent', `${agent.agentId}${agent.isDefault ? ' (default)' : ''}`);
  row('Agent dir', agent.agentDir);
  row('Default', m.defaultLabel);
  row(`Fallbacks (${m.fallbacks.length})`, m.fallbacks.join(', ') || '-');
  if (m.imageModel) row('Image model', m.imageModel);
  row('Store', `${agent.source.kind === 'json' ? agent.source.file : agent.source.location}${agent.source.exists ? '' : ' (absent)'}`);
  row('Layout', `${state.layout.kind === 'json' ? 'auth-profiles.json' : 'SQLite'} (${state.layout.reason})`);
  row('Rules', `OpenClaw ${state.ruleSet.version} (${state.ruleSet.reason})`);
  row('Env mode', state.mode === 'daemon' ? 'daemon (no shell env: what the gateway service sees)' : 'shell (this shell’s env counts)');
  lines.push('', 'Auth overview');
  if (s.providers.length === 0) lines.push('- no credentials found');
  for (const p of s.providers) {
    // Short secrets show less here than OpenClaw's own mask (mask.ts); --json keeps OpenClaw's.
    const effective = p.effective.kind === 'env' ? displayLabel(p.effective.detail, p.env?.secret) : p.effective.detail;
    const labels = p.profiles.labels.map((label, i) => displayLabel(label, maskedSecretOf(agent.store.profiles[p.profileIds[i] ?? ''])));
    const parts = [`${p.provider} effective=${p.effective.kind}:${effective}`];
    if (p.profiles.count > 0) parts.push(`profiles=${p.profiles.count} (oauth=${p.profiles.oauth}, token=${p.profiles.token}, api_key=${p.profiles.apiKey})`, labels.join(', '));
    if (p.env) {
      const where = p.env.origin.file
        ? [originWords(p.env.origin.origin), p.env.origin.file].filter(Boolean).join(' ')
        : p.env.origin.origin === 'login-shell' && state.env.loginShell.shell ? `the login shell ${state.env.loginShell.shell} -l` : originWords(p.env.origin.origin);
      parts.push(`env=${displayLabel(envDisplay(p.env.source, p.env.secret), p.env.secret)} (${p.env.variable} from ${where})`);
    }
    lines.push(`- ${parts.join(' | ')}`);
  }
  const expirable = s.providerHealth.filter((p) => p.profiles.some((x) => x.type !== 'api_key'));
  if (expirable.length > 0) {
    lines.push('', 'OAuth/token status');
    for (const p of expirable) {
      lines.push(`- ${p.provider}`);
      for (const x of p.profiles.filter((y) => y.type !== 'api_key')) lines.push(`  - ${x.profileId} ${x.status} ${expiryWords(x, state.now, agent)}`);
    }
  }
  if (s.missingProvidersInUse.length > 0) lines.push('', `Missing auth for providers in use: ${s.missingProvidersInUse.join(', ')}`);
  const blind = gatewayBlindKeysOf(state, s);
  if (blind.length > 0) {
    // Names only: the value is exactly what must not travel.
    lines.push('', 'Gateway service will not see (set only in the process environment)');
    for (const b of blind) lines.push(`- ${b.variable} (${b.providers.join(', ')}): add it to ${state.envFile} or the env block of ${state.configPath}, or enable env.shellEnv`);
  }
  if (s.unusableProfiles.length > 0) {
    lines.push('', 'Unusable profiles');
    for (const u of s.unusableProfiles) lines.push(`- ${u.profileId} ${u.kind}${u.reason ? `:${u.reason}` : ''} for ${formatRemainingShort(u.remainingMs)}`);
  }
  if (state.issues.length > 0) {
    lines.push('', 'Problems found');
    for (const i of state.issues) lines.push(`- ${i.severity}: ${i.file}${i.path ? ` (${i.path.join('.')})` : ''}: ${i.message}`);
  }
  // When OpenClaw refuses the config, `models status` prints nothing and exits 1 (the errors above say why).
  lines.push('', `Check: ${state.refusals.length > 0 ? 'OpenClaw refuses this config (1)' : checkWords(s.checkCode)}`);
  return lines.join('\n') + '\n';
}

function originWords(origin: string): string {
  switch (origin) {
    case 'process': return 'the process environment';
    case 'cwd-dotenv': return 'the working folder’s';
    case 'state-dotenv': return '';
    case 'login-shell': return 'the login shell';
    default: return 'the config env block in';
  }
}

function expiryWords(h: ProfileHealth, now: number, agent: AgentState): string {
  if (h.expiresAt !== undefined) return timeLeftWords(h.expiresAt, now);
  const expires = agent.store.profiles[h.profileId]?.expires;
  if (typeof expires === 'number' && expires > 0 && expires <= now) return timeLeftWords(expires, now);
  if (h.reasonCode === 'invalid_expires') return '(expires is not a valid millisecond timestamp)';
  if (h.reasonCode === 'missing_credential') return '(no secret stored)';
  return h.status === 'static' ? '(no expiry)' : 'expires unknown';
}

export function checkWords(code: 0 | 1 | 2): string {
  return code === 0 ? 'ok (0)' : code === 2 ? 'expiring within the warning window (2)' : 'expired or missing credentials for a provider in use (1)';
}
