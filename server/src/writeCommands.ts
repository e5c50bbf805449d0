import { parseCommandArgs } from './cliArgs.js';
import { applyCredentialChange, readAuthOrder, WriteRefused, type WriteRequestOptions } from './openclaw/writes.js';
import { checkPastedSecret, expiresAtFromNow, parseExpiresIn } from './openclaw/pasteInput.js';
import { normalizeProviderId } from './openclaw/providerIds.js';
import { COMPAT_VERSIONS, type CompatVersion } from './openclaw/rules/rules.js';
import { readSecretFromStdin } from './secretInput.js';

/** The CLI's write commands, in `openclaw models auth …`'s argument shapes. */
export const WRITE_COMMANDS = ['paste-token', 'order', 'remove'] as const;

/** Bad input: the CLI prints the message as one line and exits 3. Never carries a secret. */
export class WriteUsageError extends Error {}

export const WRITE_HELP = `Usage:
  openclaw-auth paste-token --provider ID [--profile-id ID] [--agent ID] [--expires-in DUR]
  openclaw-auth order get --provider ID [--agent ID] [--json]
  openclaw-auth order set --provider ID PROFILE_ID... [--agent ID]
  openclaw-auth order clear --provider ID [--agent ID]
  openclaw-auth remove --profile-id ID [--agent ID]

Change credentials as \`openclaw models auth …\` does, in the store the detected OpenClaw release
reads (auth-profiles.json and auth-state.json up to 2026.6, SQLite from 2026.6.5), under OpenClaw's
own lock, replacing each file atomically (mode 0600) and keeping every field it does not know.

paste-token reads the token from standard input only (never from the command line), e.g.
  claude setup-token   # then: pbpaste | openclaw-auth paste-token --provider anthropic
A setup-token (sk-ant-oat01-…) becomes a "token" profile, an API key (sk-ant-api03-…) an "api_key"
profile; a token cut short or holding a line break is refused. It also adds
auth.profiles.<id> = {provider, mode} to openclaw.json (previous file kept as openclaw.json.bak,
comments kept). The profile id defaults to <provider>:manual.

Options:
  --provider ID       provider (anthropic, openai, …)
  --profile-id ID     profile to write or remove
  --agent ID          the agent whose store changes (default: the configured default agent)
  --expires-in DUR    the token's lifetime: 365d, 12h, 90m, 1h30m (a bare number is days)
  --state-dir DIR     OpenClaw state folder (default: $OPENCLAW_STATE_DIR or ~/.openclaw)
  --compat VERSION    write as another release does: 2026.3 (order in the store), 2026.9 (SQLite)
  --json              order get: print the answer as JSON
  -h, --help          show this help

Exit codes: 0 written (or nothing to change), 3 bad input or a store that will not be rewritten
(the problem's code and place on stderr), 4 internal error.
`;

/** Runs one write command; returns the exit code. Throws WriteUsageError or WriteRefused for exit 3. */
export async function runWriteCommand(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const parsed = parseCommandArgs(
    argv,
    {
      provider: { type: 'string' },
      'profile-id': { type: 'string' },
      agent: { type: 'string' },
      'expires-in': { type: 'string' },
      'state-dir': { type: 'string' },
      compat: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    (message) => new WriteUsageError(message),
  );
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(WRITE_HELP);
    return 0;
  }
  const [command, ...rest] = positionals;
  const compat = values.compat;
  if (compat !== undefined && !(COMPAT_VERSIONS as readonly string[]).includes(compat)) throw new WriteUsageError(`--compat must be one of ${COMPAT_VERSIONS.join(', ')}.`);
  if (values.agent !== undefined && !values.agent.trim()) throw new WriteUsageError('--agent needs an agent id.');
  const options: WriteRequestOptions = {
    env: process.env,
    ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
    ...(values.agent ? { agentId: values.agent } : {}),
    ...(compat ? { compat: compat as CompatVersion | '2026.9' } : {}),
  };
  const provider = values.provider !== undefined ? normalizeProviderId(values.provider) : undefined;
  const needProvider = (): string => {
    if (!provider) throw new WriteUsageError(`${command} needs --provider ID.`);
    return provider;
  };

  if (command === 'paste-token') {
    // A positional here may well be the token itself: never repeat it, and never accept it.
    if (rest.length > 0) throw new WriteUsageError('paste-token takes the token from standard input only, never as an argument.');
    const p = needProvider();
    let expires: number | undefined;
    if (values['expires-in'] !== undefined) {
      const ms = parseExpiresIn(values['expires-in']);
      expires = ms === undefined ? undefined : expiresAtFromNow(ms, Date.now());
      if (expires === undefined) throw new WriteUsageError('--expires-in needs a duration such as 365d, 12h or 1h30m.');
    }
    let pasted: string;
    try {
      pasted = await readSecretFromStdin(`Paste the token for ${p}, then press Enter: `);
    } catch {
      throw new WriteUsageError('Cancelled; nothing was written.');
    }
    const checked = checkPastedSecret(p, pasted);
    if (!checked.ok) throw new WriteUsageError(checked.reason);
    const profileId = values['profile-id']?.trim() || `${p}:manual`;
    const result = applyCredentialChange(options, {
      kind: 'paste-token', provider: p, profileId, secret: checked.secret, credentialType: checked.credentialType, ...(expires !== undefined ? { expires } : {}),
    });
    out.write(`${result.summary}\n`);
    return 0;
  }
  if (command === 'order') {
    const [action, ...ids] = rest;
    const p = needProvider();
    if (action === 'get') {
      if (ids.length > 0) throw new WriteUsageError('order get takes no profile ids.');
      const found = readAuthOrder(options, p);
      if (values.json) out.write(`${JSON.stringify({ provider: p, ...found, order: found.order ?? null }, null, 2)}\n`);
      else {
        out.write(`Provider: ${p}\n`);
        out.write(`Order override: ${found.order?.join(', ') ?? '(none)'}\n`);
        out.write(`From: ${ORDER_SOURCE_WORDS[found.source]}\n`);
        out.write(`Effective order: ${found.effective.join(', ') || '(no usable profile)'}\n`);
      }
      return 0;
    }
    if (action === 'set') {
      if (ids.length === 0) throw new WriteUsageError('order set needs one or more profile ids.');
      out.write(`${applyCredentialChange(options, { kind: 'order-set', provider: p, profileIds: ids }).summary}\n`);
      return 0;
    }
    if (action === 'clear') {
      if (ids.length > 0) throw new WriteUsageError('order clear takes no profile ids.');
      out.write(`${applyCredentialChange(options, { kind: 'order-clear', provider: p }).summary}\n`);
      return 0;
    }
    throw new WriteUsageError('order needs get, set or clear. Try: openclaw-auth order --help');
  }
  if (command === 'remove') {
    if (rest.length > 0) throw new WriteUsageError('remove takes --profile-id ID, no other arguments.');
    const profileId = values['profile-id']?.trim();
    if (!profileId) throw new WriteUsageError('remove needs --profile-id ID.');
    out.write(`${applyCredentialChange(options, { kind: 'remove', profileId }).summary}\n`);
    return 0;
  }
  throw new WriteUsageError('Unknown write command.');
}

const ORDER_SOURCE_WORDS = {
  config: 'auth.order in openclaw.json',
  store: "the store's own order (auth-profiles.json)",
  'auth-state': 'auth-state.json',
  'sqlite-state': "the agent's SQLite auth state",
  default: 'none: OpenClaw orders the profiles itself',
} as const;

/** One line for stderr: the message, the stable code, and where the problem is. */
export function describeRefusal(error: WriteRefused): string {
  const loc = error.location;
  if (!loc) return `${error.message} [${error.code}]`;
  const place = `${loc.file}${loc.line !== undefined ? `:${loc.line}:${loc.column ?? 1}` : ''}${loc.path && loc.path.length > 0 ? ` at ${loc.path.join('.')}` : ''}`;
  return `${error.message} [${error.code}] (${place})`;
}
