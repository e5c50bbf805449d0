import { createHash } from 'node:crypto';
import { nextThresholdCrossing, ThresholdTimer } from './expiryTimer.js';
import { formatStatusReport } from './openclaw/output/report.js';
import { loadOpenClawState, UnknownAgentError, type OpenClawState } from './openclaw/state.js';
import { LoginShellCache } from './openclaw/env/loginShellEnv.js';
import { normalizeAgentId, type PathEnv } from './openclaw/paths.js';
import type { ServerSettings, StatusReport, StatusSnapshot } from './protocol.js';
import { loadOptionsFor, trustedWorkingFolder } from './settings.js';
import { buildAgentSnapshot, buildStatusSnapshot } from './statusSnapshot.js';
import { statePathsToWatch, StateWatcher } from './watcher.js';

/** What the service needs from its surroundings; the LSP connection in production, plain functions in tests. */
export interface StatusServiceHost {
  /** Called with every snapshot that differs visibly from the last one sent. */
  notify(snapshot: StatusSnapshot): void;
  /** A line for the server's output channel; never given a secret. */
  log(message: string): void;
}

export interface StatusServiceOptions {
  /** The environment OpenClaw's paths and shell-mode keys come from (the server's own by default). */
  env?: PathEnv;
  clock?: () => number;
  /** Quiet time after a burst of file events before resolving again. */
  debounceMs?: number;
}

/**
 * Owns credential resolution for the language server: resolves the state on disk, keeps one
 * snapshot, re-resolves when a watched file changes or the clock crosses an expiry threshold, and
 * tells the host only when something the user can see changed. Never throws to its caller.
 */
export class StatusService {
  private settings: ServerSettings = {};
  private cwd: string | undefined;
  private readonly env: PathEnv;
  private readonly clock: () => number;
  private readonly watcher: StateWatcher;
  private readonly timer: ThresholdTimer;
  private snapshot: StatusSnapshot | undefined;
  private lastState: OpenClawState | undefined;
  private lastSentKey: string | undefined;
  private disposed = false;
  /** The login shell's answer (env.shellEnv) for the server's lifetime, as a gateway keeps it; refresh() forgets it. */
  private readonly loginShell = new LoginShellCache();

  constructor(private readonly host: StatusServiceHost, options: StatusServiceOptions = {}) {
    this.env = options.env ?? process.env;
    this.clock = options.clock ?? Date.now;
    this.watcher = new StateWatcher(() => this.resolveAndNotify(), (m) => host.log(m), options.debounceMs ?? 200);
    this.timer = new ThresholdTimer(() => this.resolveAndNotify(), this.clock);
  }

  /** Applies new settings and working folder, then resolves again (notifying on a visible change). */
  configure(settings: ServerSettings, cwd: string | undefined): StatusSnapshot {
    this.settings = settings;
    this.cwd = cwd;
    return this.resolveAndNotify();
  }

  /** The last snapshot (resolving once if nothing was resolved yet). */
  current(): StatusSnapshot {
    return this.snapshot ?? this.resolveAndNotify();
  }

  /** The last successfully resolved state, for diagnostics and hovers that need context. */
  state(): OpenClawState | undefined {
    return this.lastState;
  }

  currentSettings(): ServerSettings {
    return this.settings;
  }

  /** Where a write from the editor goes: the same environment and state dir the status is read from. */
  writeTarget(agentId?: string): { env: PathEnv; stateDir?: string; agentId?: string } {
    return {
      env: this.env,
      ...(this.settings.stateDir ? { stateDir: this.settings.stateDir } : {}),
      ...(agentId?.trim() ? { agentId: normalizeAgentId(agentId) } : {}),
    };
  }

  /**
   * Re-reads right after our own write and notifies at once, without waiting for the watcher's
   * debounce (the status bar must turn within a second). Keeps the login shell's answer.
   */
  afterWrite(): StatusSnapshot {
    return this.resolveAndNotify();
  }

  /** Reads every file again now; notifies when the result differs from what the client has. */
  refresh(): StatusSnapshot {
    this.loginShell.clear();
    return this.resolveAndNotify();
  }

  /**
   * The CLI's readable report for one agent, resolved afresh as `openclaw-auth status --agent ID`
   * would (without `--agent` when it is OpenClaw's own default and no setting chose it).
   * Throws UnknownAgentError for an agent that is not configured.
   */
  report(agentId?: string): StatusReport {
    const current = this.current();
    const named = agentId?.trim() ? normalizeAgentId(agentId) : undefined;
    const chosenBySetting = Boolean(this.settings.defaultAgent) && !current.unknownAgentSetting;
    const requested = named ?? current.selectedAgentId;
    let state: OpenClawState;
    try {
      state = this.load(named || chosenBySetting ? requested : undefined);
    } catch (error) {
      // An agent found only on disk cannot be named with `--agent`; report it as part of the whole state.
      if (!(error instanceof UnknownAgentError)) throw error;
      state = this.load(undefined);
      if (!state.agents.some((a) => a.agentId === requested)) throw error;
    }
    const agent = state.agents.find((a) => a.agentId === requested);
    if (!agent) throw new UnknownAgentError(requested, state.agents.map((a) => a.agentId));
    const report: StatusReport = { agentId: agent.agentId, text: formatStatusReport(state, agent), checkCode: agent.status.checkCode };
    const attention = buildAgentSnapshot(state, agent).attention;
    if (attention) report.attention = attention;
    return report;
  }

  dispose(): void {
    this.disposed = true;
    this.watcher.dispose();
    this.timer.cancel();
  }

  /** Resolves, re-arms the watcher and the threshold timer, and notifies on a visible change. */
  private resolveAndNotify(): StatusSnapshot {
    if (this.disposed && this.snapshot) return this.snapshot;
    const snapshot = this.resolve();
    this.snapshot = snapshot;
    const key = visibleKey(snapshot);
    if (key !== this.lastSentKey) {
      this.lastSentKey = key;
      try {
        this.host.notify(snapshot);
      } catch (error) {
        this.host.log(`Could not send the status: ${(error as Error).message}`);
      }
    }
    return snapshot;
  }

  private resolve(): StatusSnapshot {
    try {
      const setting = this.settings.defaultAgent ? normalizeAgentId(this.settings.defaultAgent) : undefined;
      let state: OpenClawState;
      let unknownAgentSetting: string | undefined;
      try {
        // A configured agent chosen in the settings is resolved as `--agent ID`: its own models apply.
        state = this.load(setting);
      } catch (error) {
        if (!(error instanceof UnknownAgentError)) throw error;
        state = this.load(undefined);
      }
      const known = state.agents.some((a) => a.agentId === setting);
      if (setting && !known) unknownAgentSetting = this.settings.defaultAgent;
      this.lastState = state;
      if (!this.disposed) {
        this.watcher.update(statePathsToWatch(state, this.effectiveCwd()));
        this.timer.schedule(nextThresholdCrossing(state));
      }
      const nextChangeAt = nextThresholdCrossing(state);
      return buildStatusSnapshot(state, {
        ...(setting && known ? { selectedAgentId: setting } : {}),
        ...(unknownAgentSetting ? { unknownAgentSetting } : {}),
        ...(nextChangeAt !== undefined ? { nextChangeAt } : {}),
      });
    } catch (error) {
      // The engine is built not to throw on bad files; anything here is our bug. Keep serving the last good state.
      const message = `Could not resolve the OpenClaw state: ${(error as Error)?.message ?? String(error)}`;
      this.host.log(message);
      return { ...(this.snapshot ?? emptySnapshot(this.clock())), generatedAt: this.clock(), loadError: message };
    }
  }

  private load(agentId: string | undefined): OpenClawState {
    const options = loadOptionsFor(this.settings, this.env, this.effectiveCwd(), this.clock());
    // Each agent in the tree is judged as `status --agent <id>` would judge it, with its own models.
    return loadOpenClawState({ ...options, ...(agentId ? { agentId } : {}), otherAgentsAsExplicit: true, loginShell: this.loginShell.probe });
  }

  /** Unless the client says the workspace is trusted, the working folder is not read at all (its `.env` could be hostile). */
  private effectiveCwd(): string | undefined {
    return trustedWorkingFolder(this.settings, this.cwd);
  }
}

/**
 * Everything but the resolution time, hashed: two snapshots with the same key look the same to the
 * user. A digest rather than the JSON itself, which runs to megabytes for a few hundred agents.
 */
export function visibleKey(snapshot: StatusSnapshot): string {
  const { generatedAt: _ignored, ...visible } = snapshot;
  return createHash('sha256').update(JSON.stringify(visible)).digest('base64');
}

function emptySnapshot(now: number): StatusSnapshot {
  return {
    generatedAt: now,
    stateDir: '',
    stateDirExists: false,
    configPath: '',
    envFile: '',
    layout: { kind: 'json', reason: 'not resolved' },
    envMode: 'shell',
    warnMs: 0,
    defaultAgentId: '',
    selectedAgentId: '',
    agents: [],
    issues: [],
  };
}
