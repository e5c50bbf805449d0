/**
 * The custom messages between the OpenClaw Auth client and its language server, defined once and
 * imported by both sides (client/src/*.ts and server/src/server.ts). Every method is prefixed
 * `openclaw/`. Nothing here ever carries a secret: credentials appear only as the masked labels
 * OpenClaw itself prints (`sk-ant-a...bbbbbbbb`, `token:sk-a...zz`, `OAuth (me@example.com)`).
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Position, Range } from 'vscode-languageserver-protocol';

/** How the gateway sees the environment: the user's shell, or the systemd/launchd service (no shell env). */
export type EnvMode = 'shell' | 'daemon';

/**
 * Settings the client passes to the server, in `initializationOptions.settings` and again in every
 * `workspace/didChangeConfiguration` as `settings.openclawAuth` (other editors may send the object
 * bare as `settings`). Every field is optional; the server applies OpenClaw's defaults.
 */
export interface ServerSettings {
  /** Overrides `$OPENCLAW_STATE_DIR` / `~/.openclaw`; `~` expands to the home folder. */
  stateDir?: string;
  /** The agent the status bar follows; empty means OpenClaw's configured default agent. */
  defaultAgent?: string;
  /** Hours before expiry at which a token counts as expiring (OpenClaw: 24). Fractions allowed. */
  warningWindowHours?: number;
  envMode?: EnvMode;
  /**
   * True when VS Code's workspace is trusted. Otherwise (false in Restricted Mode, or absent: a
   * client that says nothing about trust) the server does not read files from the workspace, in
   * particular a working folder's `.env`. Our client always sends it.
   */
  trustedWorkspace?: boolean;
}

/** A credential's state, in `openclaw models status` words; `static` is a key that never expires. */
export type CredentialStatus = 'ok' | 'expiring' | 'expired' | 'missing' | 'static';

/** The `--check` exit code: 0 fine, 1 expired or missing, 2 expiring (OpenClaw's codes). */
export type CheckCode = 0 | 1 | 2;

/**
 * Why a candidate is, or is not, the credential OpenClaw uses for its provider. The client turns
 * each code into a sentence in the user's language.
 * - `first-in-order`: the first usable profile in OpenClaw's order: it is used.
 * - `fallback-in-order`: usable, tried when the ones before it fail (`rank` says where).
 * - `excluded-by-order`: usable but left out of an explicit auth order, so never tried.
 * - `expired` / `no-secret` / `invalid-expiry` / `unusable`: not usable (expired, nothing stored,
 *   `expires` not a millisecond timestamp, in cooldown or disabled).
 * - `env-used`: no profiles, so the environment key is used.
 * - `env-fallback`: profiles come first; the key is used only if none of them works.
 * - `env-used-profiles-unusable`: profiles exist but none is usable, so the key is used.
 * - `config-key-used` / `config-key-fallback`: the same for `models.providers.<p>.apiKey` in openclaw.json.
 * - `config-key-unresolved`: that `apiKey` gives no key (an unset `${VAR}`, a marker such as `oauth:`).
 */
export type CandidateReason =
  | 'first-in-order'
  | 'fallback-in-order'
  | 'excluded-by-order'
  | 'expired'
  | 'no-secret'
  | 'invalid-expiry'
  | 'unusable'
  | 'env-used'
  | 'env-fallback'
  | 'env-used-profiles-unusable'
  | 'config-key-used'
  | 'config-key-fallback'
  | 'config-key-unresolved';

/**
 * Where an environment value was read (OpenClaw's precedence, first wins). `login-shell`: imported
 * from `$SHELL -l` because `env.shellEnv.enabled` (or OPENCLAW_LOAD_SHELL_ENV) asked for it.
 */
export type EnvOrigin = 'process' | 'cwd-dotenv' | 'state-dotenv' | 'gateway-env' | 'config-env' | 'login-shell';

/** One credential OpenClaw could use for a provider: a stored profile, an env key or a config key. */
export interface CandidateSnapshot {
  kind: 'profile' | 'env' | 'config-key';
  /** The profile id (`anthropic:default`), the variable name (`ANTHROPIC_API_KEY`), or `models.providers.<p>.apiKey`. */
  id: string;
  /** For profiles: the stored credential type. */
  type?: 'api_key' | 'token' | 'oauth';
  status: CredentialStatus;
  /** Masked, exactly as OpenClaw prints it. Never the secret. */
  label: string;
  /** The file it comes from; absent for the process environment. */
  file?: string;
  /** For env keys: which source supplied the value, and the later sources it shadows. */
  envOrigin?: EnvOrigin;
  shadowed?: { origin: EnvOrigin; file?: string }[];
  /** For profiles of a non-main agent that come from main's store. */
  inheritedFromMain?: boolean;
  /** Milliseconds since the epoch; also given for credentials that already expired. */
  expiresAt?: number;
  /** Set while the profile is in cooldown or disabled after failures. */
  unusable?: { kind: 'cooldown' | 'disabled'; reason?: string; until: number };
  /** True for the one credential OpenClaw uses first for this provider. */
  effective: boolean;
  reason: CandidateReason;
  /** 1-based position among the usable profiles, for `first-in-order` / `fallback-in-order`. */
  rank?: number;
}

export interface ProviderSnapshot {
  provider: string;
  /** A model the agent runs with (default, fallback, image) needs this provider. */
  inUse: boolean;
  /** The worst state among the credentials OpenClaw would try, as `--check` weighs it. */
  status: CredentialStatus;
  /** OpenClaw's `effective` (`profiles` + store path, `env` + masked key, `models.json`, `missing`). */
  effective: { kind: 'profiles' | 'env' | 'models.json' | 'missing'; detail: string };
  /** Earliest expiry among the credentials tried, when they expire. */
  expiresAt?: number;
  /** In effective order first, then the ones that are not tried. */
  candidates: CandidateSnapshot[];
  /** The agent's models on this provider (`anthropic/claude-sonnet-4-5`), default first: for the `/model …@profile` pin. */
  models?: string[];
  /** Set when its key comes only from this editor's environment: the variable the gateway service will not see. */
  gatewayBlindKey?: string;
}

/**
 * A provider key that only this editor's process environment supplies: the gateway service
 * (systemd / launchd) will not see it (server/src/openclaw/resolve/gatewayBlindKeys.ts). Names only.
 */
export interface GatewayBlindKeySnapshot {
  variable: string;
  providers: string[];
}

/** What deserves the user's attention for one agent: the worst credential among providers in use. */
export interface AgentAttention {
  status: 'expiring' | 'expired' | 'missing';
  provider: string;
  /** The profile to name (`anthropic:default`), when a profile is the cause. */
  profileId?: string;
  expiresAt?: number;
}

export interface AgentSnapshot {
  agentId: string;
  agentDir: string;
  isDefault: boolean;
  /** Listed in openclaw.json (otherwise only found on disk). */
  configured: boolean;
  /** Where its own store is read from. */
  store: { kind: 'json' | 'sqlite'; file: string; location: string; exists: boolean };
  /**
   * The store its credentials come from, as the tree names it: `json-file` its auth-profiles.json,
   * `agent-database` its own openclaw-agent.sqlite, `shared-database` the shared store of
   * `state/openclaw.sqlite` (`auth.sharedStore`), `main` none of its own (it reads main's). `file` holds them.
   */
  storeInForce?: { kind: 'json-file' | 'agent-database' | 'shared-database' | 'main'; file: string };
  /**
   * Set when OpenClaw 2026.9 refuses this agent (AUTH_PROFILE_MIGRATION_REQUIRED) until
   * `openclaw doctor --fix` imports `file`, a retired credential file; `ofMain` when it is main's.
   */
  migrationRequired?: { file: string; ofMain: boolean };
  /** The default model label, as `models status` prints it. */
  defaultModel: string;
  checkCode: CheckCode;
  /** Absent when `checkCode` is 0. */
  attention?: AgentAttention;
  /** Providers in use first, then by name. */
  providers: ProviderSnapshot[];
  /** Keys of this agent's providers in use that the gateway service will not see; absent when none. */
  gatewayBlindKeys?: GatewayBlindKeySnapshot[];
}

/** A problem found in OpenClaw's files (messages never contain secrets). */
export interface IssueSnapshot {
  code: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  message: string;
}

/** Everything the status bar and the tree show, for every agent. Contains no secret. */
export interface StatusSnapshot {
  /** When the server resolved it (ms since the epoch); expiry words are relative to the client's clock. */
  generatedAt: number;
  stateDir: string;
  stateDirExists: boolean;
  /**
   * Set when the home itself stops the credentials from being read (server/src/openclaw/output/
   * homeCondition.ts): every surface says so, as the report does.
   */
  homeCondition?: 'noStateDir' | 'sqliteUnread' | 'configRefused';
  configPath: string;
  /** The state `.env` the gateway reads (`~/.openclaw/.env`). */
  envFile: string;
  layout: { kind: 'json' | 'sqlite'; reason: string; lastTouchedVersion?: string };
  /** Which OpenClaw release's status rules apply (2026.3, 2026.6, 2026.9), what decided it, and why in words (absent before the first resolve). */
  ruleSet?: { version: string; basis: string; reason: string };
  envMode: EnvMode;
  warnMs: number;
  defaultAgentId: string;
  /** The agent the status bar follows: the `defaultAgent` setting when it names a known agent, else OpenClaw's default. */
  selectedAgentId: string;
  /** Set when the `defaultAgent` setting names an agent that does not exist. */
  unknownAgentSetting?: string;
  agents: AgentSnapshot[];
  /** Every provider id OpenClaw knows (its catalogue), for Paste Token's provider pick. */
  knownProviders?: string[];
  issues: IssueSnapshot[];
  /** When the next expiry threshold is crossed; the server re-resolves and notifies then. */
  nextChangeAt?: number;
  /** Set when resolution itself failed; the rest then describes the last good state, if any. */
  loadError?: string;
}

/** The readable report of `openclaw-auth status` for one agent. */
export interface StatusReport {
  agentId: string;
  /** Plain text, the CLI's report; masked labels only. */
  text: string;
  checkCode: CheckCode;
  /** The credentials behind a non-zero check code, as for the status bar. */
  attention?: AgentAttention;
}

/** Which credential to locate: a profile in an agent's store, or an environment key of a provider. */
export type CredentialRef =
  | { kind: 'profile'; agentId: string; profileId: string }
  | { kind: 'env'; variable: string; file: string }
  | { kind: 'config-key'; provider: string };

/** Where to open a credential: a file URI and the range to select, or why it cannot be opened. */
export type CredentialLocation =
  | { found: true; uri: string; range: Range }
  | { found: false; reason: 'sqlite' | 'process-env' | 'not-found' | 'no-file' };

/**
 * Client → server: the current snapshot of every agent. Sent by the client once the server is
 * ready, and whenever it needs the whole state again. Answered from the last resolution (cheap).
 */
export namespace StatusRequest {
  export const method = 'openclaw/status' as const;
  export const type = new RequestType0<StatusSnapshot, void>(method);
}

/**
 * Server → client: the snapshot changed, because a file under the state dir changed, a setting
 * changed, or the clock crossed an expiry threshold (24 h before expiry, and at expiry). Sent only
 * when something the user can see differs from the last notification.
 */
export namespace StatusChangedNotification {
  export const method = 'openclaw/statusChanged' as const;
  export const type = new NotificationType<StatusSnapshot>(method);
}

/**
 * Client → server: read every file again now (the Refresh command) and answer with the fresh
 * snapshot. Also sends `openclaw/statusChanged` when the result differs.
 */
export namespace RefreshRequest {
  export const method = 'openclaw/refresh' as const;
  export const type = new RequestType0<StatusSnapshot, void>(method);
}

/**
 * Client → server: the readable status report and `--check` code for one agent (the Show Status and
 * Check commands), resolved afresh as `openclaw-auth status --agent ID` would. Omit `agentId` for
 * the selected agent.
 */
export namespace StatusReportRequest {
  export const method = 'openclaw/statusReport' as const;
  export const type = new RequestType<{ agentId?: string }, StatusReport, void>(method);
}

/**
 * Client → server: where a credential is written, so the client can open the file at that place
 * (Open in Store in the tree). The server reads the file as it is on disk now.
 */
export namespace LocateCredentialRequest {
  export const method = 'openclaw/locateCredential' as const;
  export const type = new RequestType<CredentialRef, CredentialLocation, void>(method);
}

/** What the tree's Add to the state .env does: the state `.env` to open, what to append there (the name only), where the cursor goes. */
export type StateEnvKeyResult =
  | { added: true; uri: string; edit?: { range: Range; newText: string }; cursor: Position }
  | { added: false; reason: 'no-state-dir' | 'not-blind' };

/**
 * Client → server: prepare `NAME=` in the state `.env` for a key the gateway service will not see
 * (the snapshot's `gatewayBlindKeys`). The server creates the file (mode 0600) when it is missing and
 * answers with the edit, computed on the open buffer when there is one, as the diagnostic's quick
 * fix computes it; `edit` is absent when the buffer already names the key. Never a value.
 */
export namespace StateEnvKeyRequest {
  export const method = 'openclaw/stateEnvKey' as const;
  export const type = new RequestType<{ variable: string }, StateEnvKeyResult, void>(method);
}

/** HKDF-SHA256's `info` for the key that seals a revealed row (both sides derive it). */
export const REVEAL_SEAL_INFO = 'openclaw-auth reveal v1';

/** A text only the client that asked can read (X25519 key agreement, HKDF-SHA256, AES-256-GCM; base64 fields). */
export interface SealedText {
  publicKey: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Which profile's SQLite row to show. `reveal` asks for the secrets unmasked: the answer then
 * carries the row only sealed to this one-time X25519 public key (SPKI DER, base64), so a protocol
 * trace (the output channel at Trace level) never logs a secret.
 */
export interface StoreRowParams {
  agentId: string;
  profileId: string;
  reveal?: { publicKey: string };
}

/** The JSON row that holds a profile (secrets masked, or sealed when revealed) and the profile's key to select in it. */
export type StoreRowDocument =
  | { found: true; database: string; row: string; selection: Range; text: string }
  | { found: true; database: string; row: string; selection: Range; sealed: SealedText }
  | { found: false; reason: 'not-sqlite' | 'not-found' | 'unreadable'; message?: string };

/**
 * Client → server: the SQLite store row a profile is read from (Open in Store on a SQLite home),
 * read afresh and untouched. The second message that may carry secrets, and only sealed.
 */
export namespace StoreRowRequest {
  export const method = 'openclaw/storeRow' as const;
  export const type = new RequestType<StoreRowParams, StoreRowDocument, void>(method);
}

/**
 * Where an auth order comes from, in OpenClaw's precedence: `auth.order` in openclaw.json, the
 * store's own `order`, `auth-state.json` (2026.6.1), the SQLite state row (2026.6.5+), or none
 * (`default`: OpenClaw's own ordering).
 */
export type AuthOrderSource = 'config' | 'store' | 'auth-state' | 'sqlite-state' | 'default';

/** One agent and provider, the scope of every auth-order request. Omit `agentId` for OpenClaw's default agent. */
export interface AuthOrderScope {
  agentId?: string;
  provider: string;
}

/** The order OpenClaw follows for one agent and provider, and where it is written. */
export interface AuthOrderInfo {
  agentId: string;
  provider: string;
  /** The override in force, when there is one. */
  order?: string[];
  source: AuthOrderSource;
  /** The profile ids in the order OpenClaw tries them. */
  effective: string[];
  /** Every profile id of this provider the agent can see (for reordering), effective ones first. */
  profiles: string[];
}

/**
 * `models auth paste-token` from the editor. `token` is the one field that ever carries a secret
 * from client to server: sent once, in this request, never echoed back, logged or kept.
 */
export interface PasteTokenParams {
  agentId?: string;
  provider: string;
  /** Default `<provider>:manual`, as the real CLI. */
  profileId?: string;
  token: string;
  /** `--expires-in` forms: `365d`, `12h`. */
  expiresIn?: string;
}

/** What a write changed (no secret), and the snapshot the server re-read right after it. */
export interface CredentialWriteResult {
  summary: string;
  written: string[];
  snapshot: StatusSnapshot;
}

/**
 * The error code of a refused write (a `ResponseError` with `data: WriteRefusedData`): the
 * message is the reason in words, without the secret.
 */
export const WRITE_REFUSED_ERROR = -32050;
export interface WriteRefusedData {
  /**
   * The writer's stable code (see the CLI documentation). Codes starting `secret/` refuse the
   * pasted secret itself (too short, a line break, the wrong kind): paste again.
   */
  code: string;
  /** The file whose content stopped the write, when one did. */
  file?: string;
}

/** Client → server: store a pasted token or key as a profile (`models auth paste-token`). */
export namespace PasteTokenRequest {
  export const method = 'openclaw/pasteToken' as const;
  export const type = new RequestType<PasteTokenParams, CredentialWriteResult, WriteRefusedData>(method);
}

/** Client → server: the auth order of one agent and provider (`models auth order get`). */
export namespace AuthOrderGetRequest {
  export const method = 'openclaw/authOrder/get' as const;
  export const type = new RequestType<AuthOrderScope, AuthOrderInfo, void>(method);
}

/** Client → server: set the order override (`models auth order set --provider P IDS...`). */
export namespace AuthOrderSetRequest {
  export const method = 'openclaw/authOrder/set' as const;
  export const type = new RequestType<AuthOrderScope & { profileIds: string[] }, CredentialWriteResult, WriteRefusedData>(method);
}

/** Client → server: drop the order override (`models auth order clear --provider P`). */
export namespace AuthOrderClearRequest {
  export const method = 'openclaw/authOrder/clear' as const;
  export const type = new RequestType<AuthOrderScope, CredentialWriteResult, WriteRefusedData>(method);
}

/** Client → server: remove one profile from an agent's store (and from every order, lastGood, usageStats). */
export namespace RemoveProfileRequest {
  export const method = 'openclaw/removeProfile' as const;
  export const type = new RequestType<{ agentId?: string; profileId: string }, CredentialWriteResult, WriteRefusedData>(method);
}

/**
 * The client command behind the quick fix on a stranded `auth-profiles.json` (SQLite-era OpenClaw
 * ignores it, or refuses until it is imported): runs `openclaw doctor --fix` in a terminal.
 */
export const RUN_DOCTOR_FIX_COMMAND = 'openclawAuth.runDoctorFix';
export interface DoctorFixArgs {
  /** The state folder `doctor --fix` repairs; the terminal starts in its parent. */
  stateDir: string;
  /**
   * The variables to set (a string) or remove (null) in the terminal so OpenClaw finds this state
   * folder: `OPENCLAW_STATE_DIR` when it is not OpenClaw's default, removed when it is.
   */
  env: Record<string, string | null>;
  /** The stranded file, shown in the confirmation. */
  file: string;
}

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
