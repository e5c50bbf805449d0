// Run by Node 24 (node:sqlite). Turns a materialized JSON-era home into what upgrading to OpenClaw
// 2026.9.6 leaves, with the rows written the way its `doctor --fix` writes them (seen on its runs:
// main's store in the global database under auth.sharedStore, every other agent's in its own
// database, order from auth-state.json, openai-codex profiles renamed to openai, the JSON files
// archived as `<name>.migrated-<time>-<uuid>`). The databases start as copies of ones the real
// 2026.9.6 created (its full schema), emptied of credentials.
//
//   node sqliteHome.mjs '{"stateDir":…,"configPath":…,"templateGlobal":…,"templateAgent":…,"variant":…,"withMeta":true}'
//
// variant: "doctor" (shared store), "legacy-main" (main in its own database, no auth.sharedStore),
// "stranded" (a fresh 2026.9.6 database, the JSON files left where they are).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const spec = JSON.parse(process.argv[2]);
const { stateDir, configPath, templateGlobal, templateAgent, variant, withMeta } = spec;
const now = Number(spec.now ?? Date.now());

const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

/** openai-codex became openai in 2026.9: doctor renames profile ids, providers and order keys. */
const renameId = (id) => (typeof id === 'string' && id.startsWith('openai-codex:') ? `openai:${id.slice('openai-codex:'.length)}` : id);
const renameProvider = (p) => (p === 'openai-codex' ? 'openai' : p);
function renameKeys(record, rename) {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [rename(k), v]));
}

function importedStore(agentDir) {
  const raw = readJson(path.join(agentDir, 'auth-profiles.json'));
  if (!isRecord(raw) || !isRecord(raw.profiles)) return undefined; // doctor leaves what it cannot read
  const profiles = {};
  for (const [id, cred] of Object.entries(raw.profiles)) {
    profiles[renameId(id)] = isRecord(cred) && cred.provider !== undefined ? { ...cred, provider: renameProvider(cred.provider) } : cred;
  }
  const stateFile = readJson(path.join(agentDir, 'auth-state.json'));
  const order = { ...(isRecord(raw.order) ? raw.order : {}), ...(isRecord(stateFile?.order) ? stateFile.order : {}) };
  const state = { version: 1 };
  if (Object.keys(order).length > 0) state.order = Object.fromEntries(Object.entries(renameKeys(order, renameProvider)).map(([p, ids]) => [p, Array.isArray(ids) ? ids.map(renameId) : ids]));
  if (isRecord(raw.lastGood)) state.lastGood = Object.fromEntries(Object.entries(renameKeys(raw.lastGood, renameProvider)).map(([p, id]) => [p, renameId(id)]));
  if (isRecord(raw.usageStats)) state.usageStats = renameKeys(raw.usageStats, renameId);
  return { store: { version: 1, profiles }, state: Object.keys(state).length > 1 ? state : undefined };
}

function archive(file) {
  if (!fs.existsSync(file)) return;
  const stamp = new Date(now).toISOString().replaceAll(':', '-');
  fs.renameSync(file, `${file}.migrated-${stamp}-${crypto.randomUUID()}`);
}

function copyDatabase(template, target) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(template, target);
  return new DatabaseSync(target);
}

const agentsRoot = path.join(stateDir, 'agents');
const agentIds = fs.existsSync(agentsRoot) ? fs.readdirSync(agentsRoot).filter((id) => fs.existsSync(path.join(agentsRoot, id, 'agent'))).sort() : [];
const globalPath = path.join(stateDir, 'state', 'openclaw.sqlite');
const global = copyDatabase(templateGlobal, globalPath);
global.exec("DELETE FROM config_machine_state WHERE state_key IN ('auth.sharedStore', 'authProfiles.store', 'authProfiles.state'); DELETE FROM agent_databases;");
const putMachineState = (key, value) => global.prepare('INSERT INTO config_machine_state (state_key, value_json, updated_at_ms) VALUES (?, ?, ?)').run(key, JSON.stringify(value), now);

function agentDatabase(agentId, imported) {
  const rel = path.join('agents', agentId, 'agent', 'openclaw-agent.sqlite');
  const db = copyDatabase(templateAgent, path.join(stateDir, rel));
  db.exec('DELETE FROM auth_profile_store; DELETE FROM auth_profile_state;');
  db.prepare('UPDATE schema_meta SET agent_id = ?').run(agentId);
  db.prepare('INSERT INTO auth_profile_store (store_key, store_json, updated_at) VALUES (?, ?, ?)').run('primary', JSON.stringify(imported.store), now);
  if (imported.state) db.prepare('INSERT INTO auth_profile_state (state_key, state_json, updated_at) VALUES (?, ?, ?)').run('primary', JSON.stringify(imported.state), now);
  db.close();
  const size = fs.statSync(path.join(stateDir, rel)).size;
  global.prepare('INSERT INTO agent_databases (agent_id, path, schema_version, last_seen_at, size_bytes) VALUES (?, ?, ?, ?, ?)').run(agentId, rel, 23, now, size);
}

if (variant !== 'stranded') {
  for (const agentId of agentIds) {
    const dir = path.join(agentsRoot, agentId, 'agent');
    const imported = importedStore(dir);
    if (!imported) continue;
    if (agentId === 'main' && variant === 'doctor') {
      putMachineState('auth.sharedStore', { location: 'state-db' });
      putMachineState('authProfiles.store', imported.store);
      if (imported.state) putMachineState('authProfiles.state', imported.state);
    } else {
      agentDatabase(agentId, imported);
    }
    archive(path.join(dir, 'auth-profiles.json'));
    archive(path.join(dir, 'auth-state.json'));
  }
}
global.close();

/**
 * doctor's config move: `agents.list` becomes keyed `agents.entries` without the default markers,
 * the former default recorded as `defaults.systemAgent.agentId` under `ownership: "explicit"`.
 */
function keyedRoster(agents) {
  const list = agents.list.filter(isRecord);
  const owner = (list.find((a) => a.default === true) ?? list[0])?.id ?? 'main';
  const entries = {};
  for (const { id, default: _marker, ...rest } of list) if (typeof id === 'string' && !(id in entries)) entries[id] = rest;
  const { list: _list, ...others } = agents;
  const defaults = isRecord(agents.defaults) ? agents.defaults : {};
  return { ...others, defaults: { ...defaults, systemAgent: { agentId: owner } }, ownership: 'explicit', entries };
}

if (fs.existsSync(configPath)) {
  const config = readJson(configPath);
  if (isRecord(config)) {
    if (withMeta) config.meta = { ...(isRecord(config.meta) ? config.meta : {}), lastTouchedVersion: '2026.9.6' };
    if (variant === 'doctor' && isRecord(config.agents) && Array.isArray(config.agents.list)) config.agents = keyedRoster(config.agents);
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
  }
}
