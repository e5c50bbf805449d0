import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensure, vsixPath } from './paths.ts';
import { freePort, startGroup, waitFor, type GroupProcess } from './processes.ts';

export interface CodeServerOptions {
  /** A folder of its own for user data, extensions, logs and the fake HOME. */
  runDir: string;
  /** The OpenClaw state dir the extension host sees as $OPENCLAW_STATE_DIR; absent means none set. */
  stateDir?: string;
  /** false opens the window in Restricted Mode (what users meet in a folder they have not trusted). */
  trusted?: boolean;
  /** Lets the page run extension tests (`extensionTestsPath` payload) and report through codeAutomationExit. */
  smokeTestDriver?: boolean;
  /** More VSIX files to install first (e.g. a language pack). */
  extraVsix?: string[];
  /** Runs after the extensions are installed, before the server starts. */
  beforeServe?: (dirs: { userDataDir: string; extensionsDir: string }) => void;
  /** The display language (`--locale`), e.g. `fr`; VS Code's default is English. */
  locale?: string;
  /** Install the packaged VSIX before starting (the user's way); false for extension-development runs. */
  installVsix?: boolean;
  /** More variables for code-server and its extension host, e.g. a provider key exported in the user's shell. */
  extraEnv?: Record<string, string>;
}

export interface CodeServer {
  /** The code-server process, leader of its own process group. */
  pid: number;
  port: number;
  origin: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** The workbench URL opening `folder`, with an optional development payload. */
  folderUrl(folder: string, payload?: [string, string][]): string;
  /** Everything the extension host logged so far (all exthost*.log files of this run). */
  extensionHostLog(): string;
  stop(): Promise<void>;
}

/**
 * An environment with nothing of the caller's: no provider keys from the developer's shell
 * (they would change what OpenClaw resolves), a HOME without ~/.openclaw, XDG dirs in the run dir.
 */
function isolatedEnv(runDir: string, nodeBin: string, stateDir: string | undefined): NodeJS.ProcessEnv {
  const home = path.join(runDir, 'home');
  for (const dir of ['home', 'xdg/config', 'xdg/data', 'xdg/cache']) fs.mkdirSync(path.join(runDir, dir), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: `${nodeBin}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    LANG: 'C.UTF-8',
    // Log timestamps are local time: UTC makes them comparable with Date.now().
    TZ: 'UTC',
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    // No gallery: otherwise the logs fill with lookups of the public marketplace (no internet here).
    EXTENSIONS_GALLERY: '{}',
  };
  if (stateDir) env.OPENCLAW_STATE_DIR = stateDir;
  return env;
}

/** Starts code-server on a fresh port of 127.0.0.1 with fresh user-data and extensions folders. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const codeServerBin = ensure('ensure-code-server.sh');
  const nodeBin = ensure('ensure-node24.sh');
  const userDataDir = path.join(options.runDir, 'user-data');
  const extensionsDir = path.join(options.runDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // A quiet window: no welcome page or walkthrough covering the editor area in screenshots.
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        // The run folders sit inside this repository: no "open the parent repository?" toast.
        'git.openRepositoryInParentFolders': 'never',
      },
      null,
      2,
    ),
  );
  const env = isolatedEnv(options.runDir, nodeBin, options.stateDir);
  if (options.extraEnv) Object.assign(env, options.extraEnv);
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const extra of options.extraVsix ?? []) {
    execFileSync(codeServerBin, [...common, '--install-extension', extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  if (options.installVsix ?? true) {
    if (!fs.existsSync(vsixPath)) throw new Error(`${vsixPath} is missing: run scripts/package-vsix.sh first`);
    execFileSync(codeServerBin, [...common, '--install-extension', vsixPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  options.beforeServe?.({ userDataDir, extensionsDir });
  const port = await freePort();
  const logFile = path.join(options.runDir, 'code-server.log');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', ...common];
  if (options.trusted ?? true) args.push('--disable-workspace-trust');
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (options.locale) args.push('--locale', options.locale);
  const server: GroupProcess = startGroup(codeServerBin, args, { env, cwd: options.runDir, logFile });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      `code-server /healthz on ${origin}`,
      async () => {
        const log = fs.readFileSync(logFile, 'utf8');
        // A start that lost the port race would leave us talking to someone else's server.
        if (/EADDRINUSE/.test(log)) throw new Error(`port ${port} taken (EADDRINUSE), see ${logFile}`);
        const response = await fetch(`${origin}/healthz`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      30_000,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }

  return {
    pid: server.child.pid ?? -1,
    port,
    origin,
    userDataDir,
    extensionsDir,
    logFile,
    folderUrl(folder, payload) {
      let url = `${origin}/?folder=${encodeURIComponent(folder)}`;
      if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    extensionHostLog() {
      return readExtensionHostLogs(userDataDir);
    },
    stop: () => server.stop(),
  };
}

/** Concatenates UD/logs/<time>/exthost<N>/exthost.log files (the extension host's own log). */
export function readExtensionHostLogs(userDataDir: string): string {
  const logsDir = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logsDir)) return '';
  const texts: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.log')) texts.push(`# ${path.relative(logsDir, full)}\n${fs.readFileSync(full, 'utf8')}`);
    }
  };
  walk(logsDir);
  return texts.join('\n');
}
