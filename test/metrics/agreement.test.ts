/**
 * `metrics` says what `status --json --agent <id>` says, agent by agent, on the differential test's
 * random homes (plain, moved paths, extended), both run on the same freshly written home; and no
 * secret, masked or not, reaches the exposition.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { materializeCase, tempHome } from '../support/fakeHome.ts';
import { runOurCli } from '../support/runCli.ts';
import { generateHome, type GenerateOptions } from '../differential/generate.ts';
import { parseExposition, runMetrics, type Sample } from './support.ts';

const COUNT = Number(process.env.METRICS_AGREEMENT_COUNT ?? 40);
const work = tempHome('oc-metrics-agree-');
after(() => fs.rmSync(work, { recursive: true, force: true }));

interface StatusProfile { profileId: string; provider: string; type: string; status: string; expiresAt?: number }
interface StatusDoc {
  auth: { checkCode: number; missingProvidersInUse: string[]; providersInUse: string[]; oauth: { profiles: StatusProfile[] } };
  openclawAuth: { store: { kind: string }; agents: { agentId: string; configured: boolean }[] };
}

function statusOf(home: string, env: Record<string, string>, agent: string): StatusDoc {
  const r = runOurCli(home, ['--json', '--agent', agent], env);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as StatusDoc;
}

const of = (samples: Sample[], name: string, agent: string) => samples.filter((s) => s.name === name && s.labels.agent === agent);

function compareAgent(samples: Sample[], agent: string, doc: StatusDoc, where: string): void {
  const { auth } = doc;
  const check = of(samples, 'openclaw_auth_check', agent);
  assert.deepEqual(check.map((s) => s.value), [auth.checkCode], `${where}: check code`);

  const statusSeries = of(samples, 'openclaw_auth_profile_status', agent);
  const current = statusSeries.filter((s) => s.value === 1).map((s) => `${s.labels.profile} ${s.labels.provider} ${s.labels.status}`);
  assert.deepEqual(current.sort(), auth.oauth.profiles.map((p) => `${p.profileId} ${p.provider} ${p.status}`).sort(), `${where}: profile statuses`);
  assert.equal(statusSeries.length, auth.oauth.profiles.length * 5, `${where}: one series per profile and state`);

  const expiry = of(samples, 'openclaw_auth_profile_expiry_timestamp_seconds', agent).map((s) => `${s.labels.profile} ${s.labels.type} ${s.value}`);
  const expected = auth.oauth.profiles.filter((p) => p.expiresAt !== undefined).map((p) => `${p.profileId} ${p.type} ${(p.expiresAt as number) / 1000}`);
  assert.deepEqual(expiry.sort(), expected.sort(), `${where}: expiry timestamps`);

  const missing = of(samples, 'openclaw_auth_provider_missing', agent);
  assert.deepEqual(missing.filter((s) => s.value === 1).map((s) => s.labels.provider).sort(), [...auth.missingProvidersInUse].sort(), `${where}: providers missing`);
  assert.deepEqual(missing.map((s) => s.labels.provider).sort(), [...new Set([...auth.providersInUse, ...auth.missingProvidersInUse])].sort(), `${where}: providers in use`);

  assert.deepEqual(of(samples, 'openclaw_auth_store_info', agent).map((s) => s.labels.kind), [doc.openclawAuth.store.kind], `${where}: store kind`);
}

function checkHomes(label: string, seeds: number[], options: GenerateOptions): void {
  test(`metrics agree with status --json --agent on ${seeds.length} random homes (${label})`, () => {
    let agentsCompared = 0;
    for (const seed of seeds) {
      const home = `${work}/${label}-${seed}`;
      const { env } = materializeCase(generateHome(seed, options), home);
      const run = runMetrics(home, [], env);
      const where = `${label} seed ${seed}`;
      assert.ok(run.code === 0 || run.code === 1, `${where}: metrics exited ${run.code}: ${run.stderr}`);
      // No secret, and no masked one (`sk-ant-o...abcd1234`, `token:…`), in any label or line.
      assert.ok(!run.stdout.includes('CANARY') && !run.stderr.includes('CANARY'), `${where}: a secret reached the output`);
      assert.ok(!run.stdout.includes('...'), `${where}: a masked secret reached the output`);
      const samples = parseExposition(run.stdout);
      const agents = samples.filter((s) => s.name === 'openclaw_auth_check').map((s) => s.labels.agent as string);
      assert.ok(agents.length > 0, `${where}: no agent in the metrics`);
      const docs = agents.map((agent) => statusOf(home, env, agent));
      const configured = (docs[0] as StatusDoc).openclawAuth.agents.filter((a) => a.configured).map((a) => a.agentId);
      assert.deepEqual([...agents].sort(), [...configured].sort(), `${where}: the configured agents`);
      agents.forEach((agent, i) => compareAgent(samples, agent, docs[i] as StatusDoc, `${where} agent ${agent}`));
      agentsCompared += agents.length;
      // The run says whether it could read the state; these homes all have one.
      assert.deepEqual(samples.filter((s) => s.name === 'openclaw_auth_scrape_error').length, 1);
    }
    assert.ok(agentsCompared >= seeds.length);
  });
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
checkHomes('plain', range(1, COUNT), {});
checkHomes('paths', range(1001, Math.ceil(COUNT / 4)), { paths: true });
checkHomes('extended', range(3001, Math.ceil(COUNT / 4)), { extended: true });
