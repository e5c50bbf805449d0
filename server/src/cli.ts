import { parseCommandArgs } from './cliArgs.js';
import { checkCodeOf, loadOpenClawState, UnknownAgentError } from './openclaw/state.js';
import { statusJson } from './openclaw/output/statusJson.js';
import { formatStatusReport } from './openclaw/output/report.js';
import { COMPAT_VERSIONS, type CompatVersion } from './openclaw/rules/rules.js';
import { openclawVersionOnPath } from './openclawOnPath.js';
import { parseDuration } from './openclaw/duration.js';
import { runLoginShell } from './openclaw/env/loginShellEnv.js';
import { runMetricsCommand } from './metricsCommand.js';
import { describeRefusal, runWriteCommand, WRITE_COMMANDS, WriteUsageError } from './writeCommands.js';
import { WriteRefused } from './openclaw/writes.js';
import { isStoreCheckWorker, serveStoreChecks } from './diagnostics/storeCheckWorker.js';
import { isCredentialWriteWorker, serveCredentialWrites } from './credentialWriter/writeWorker.js';

/** Exit code for bad input (usage, unknown agent): distinct from --check's 1 and 2. */
const EXIT_USAGE = 3;
/** Exit code for an unexpected failure of our own. */
const EXIT_INTERNAL = 4;

const HELP = `Usage: openclaw-auth status [options]
       openclaw-auth metrics [--state-dir DIR] [--daemon] [--textfile PATH]
       openclaw-auth paste-token | order get|set|clear | remove   (see openclaw-auth paste-token --help)

Shows which credential OpenClaw will use for each provider, as \`openclaw models status\` does.
status and metrics read OpenClaw's files only and never touch the network (metrics --textfile writes that file).

Options:
  --json              print the models status JSON (OpenClaw's fields plus ours)
  --check             exit 1 if a provider in use is expired or missing, 2 if expiring
  --agent ID          report on this agent (default: the configured default agent)
  --state-dir DIR     OpenClaw state folder (default: $OPENCLAW_STATE_DIR or ~/.openclaw)
  --daemon            model the gateway service: ignore this shell's environment
  --warn-window DUR   expiring window, e.g. 24h (default), 3d, 90m
  --compat VERSION    follow the rules of another OpenClaw release (${COMPAT_VERSIONS.join(', ')})
  -h, --help          show this help

metrics prints every configured agent's credential state in Prometheus' text format; --textfile
PATH writes it atomically for node_exporter's textfile collector (see contrib/). Exit 1 when the
state could not be read (openclaw_auth_scrape_error 1), 4 when the file could not be written.
`;

class UsageError extends Error {}

function main(argv: string[]): number {
  const parsed = parseCommandArgs(
    argv,
    {
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      agent: { type: 'string' },
      'state-dir': { type: 'string' },
      daemon: { type: 'boolean' },
      'warn-window': { type: 'string' },
      compat: { type: 'string' },
      textfile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    (message) => new UsageError(message),
  );
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const command = positionals[0] ?? 'status';
  if ((command !== 'status' && command !== 'metrics') || positionals.length > 1) throw new UsageError(`Unknown command "${positionals.join(' ')}". Try: openclaw-auth status --help`);
  const compat = values.compat as CompatVersion | undefined;
  if (compat !== undefined && !COMPAT_VERSIONS.includes(compat)) throw new UsageError(`--compat must be one of ${COMPAT_VERSIONS.join(', ')}.`);
  let warnMs: number | undefined;
  if (values['warn-window'] !== undefined) {
    warnMs = parseDuration(values['warn-window']);
    if (warnMs === undefined) throw new UsageError('--warn-window needs a duration such as 24h, 3d or 90m.');
  }
  const agentId = values.agent;
  if (agentId !== undefined && !agentId.trim()) throw new UsageError('--agent needs an agent id.');
  if (command === 'metrics' && (agentId !== undefined || values.json || values.check)) throw new UsageError('metrics covers every agent and takes no --agent, --json or --check.');
  if (command !== 'metrics' && values.textfile !== undefined) throw new UsageError('--textfile belongs to the metrics command.');
  const load = (metrics: boolean) => loadOpenClawState({
    env: process.env,
    mode: values.daemon ? 'daemon' : 'shell',
    cwd: process.cwd(),
    ...(values['state-dir'] ? { stateDir: values['state-dir'] } : {}),
    ...(agentId ? { agentId } : {}),
    ...(warnMs !== undefined ? { warnMs } : {}),
    ...(compat ? { compat } : {}),
    // As `openclaw models status` does when env.shellEnv asks for it; one run per command.
    loginShell: runLoginShell,
    // Asked only when the home names no OpenClaw release: `openclaw --version`, once.
    openclawOnPath: () => openclawVersionOnPath(process.env),
    // metrics: each agent as the gateway runs it (with its own models), as `status --agent` shows it.
    ...(metrics ? { everyAgentAsExplicit: true } : {}),
  });
  if (command === 'metrics') return runMetricsCommand(() => load(true), values.textfile, (line) => process.stderr.write(`openclaw-auth: ${line}\n`));
  const state = load(false);
  const agent = state.agents.find((a) => a.agentId === state.selectedAgentId);
  if (!agent) throw new Error('selected agent missing from state');
  if (values.json) process.stdout.write(JSON.stringify(statusJson(state, agent, Boolean(agentId)), null, 2) + '\n');
  else process.stdout.write(formatStatusReport(state, agent));
  return values.check ? checkCodeOf(state, agent) : 0;
}

async function run(argv: string[]): Promise<number> {
  // The write commands (paste-token, order, remove) have their own options and help.
  if ((WRITE_COMMANDS as readonly string[]).includes(argv[0] ?? '')) return runWriteCommand(argv, process.stdout);
  return main(argv);
}

// The language server runs this bundle as its store checker's and credential writer's worker threads.
if (isStoreCheckWorker()) serveStoreChecks();
else if (isCredentialWriteWorker()) serveCredentialWrites();
else run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof WriteRefused) {
      process.stderr.write(`openclaw-auth: ${describeRefusal(error)}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof UsageError || error instanceof UnknownAgentError || error instanceof WriteUsageError) {
      process.stderr.write(`openclaw-auth: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      // Never a stack trace for users; the message is ours and carries no secret.
      process.stderr.write(`openclaw-auth: internal error: ${(error as Error).message ?? String(error)}\n`);
      process.exitCode = EXIT_INTERNAL;
    }
  },
);
