import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskSecret } from '../../server/src/openclaw/mask.ts';
import { runOurCli } from '../support/runCli.ts';
import { withTempDir, writeTree } from '../support/tree.ts';

/**
 * Canary secrets in every credential kind and every env source: whatever the CLI prints (report,
 * JSON, --check, every agent, shell and daemon), the middle of a canary must never appear.
 * Each canary's middle holds "CANARYnnMID"; OpenClaw's mask shows only the first and last 8.
 */
const canaries: string[] = [];
function canary(prefix: string, padding = 24): string {
  const n = String(canaries.length).padStart(2, '0');
  const value = `${prefix}CANARY${n}MID${'s'.repeat(padding)}END${n}zz9`;
  canaries.push(value);
  return value;
}
const LEAK = /CANARY\d\dMID/;
const H = 3600e3;

function assertNoLeak(label: string, text: string): void {
  const m = LEAK.exec(text);
  assert.equal(m, null, `${label} leaks a canary: …${m ? text.slice(Math.max(0, m.index - 40), m.index + 40) : ''}…`);
  // No contiguous run of a canary's body longer than its mask shows, either.
  for (const c of canaries) assert.ok(!text.includes(c.slice(6, 30)), `${label} leaks part of ${c.slice(0, 8)}…`);
}

function homeWithCanaries(home: string): Record<string, string> {
  const now = Date.now();
  writeTree(home, {
    '.openclaw/openclaw.json': {
      agents: {
        defaults: { model: { primary: 'anthropic/claude-sonnet-4-6', fallbacks: ['openai/gpt-5.5', 'groq/llama', 'mistral/large', 'xai/grok', 'deepseek/chat', 'together/x', 'openrouter/auto', 'cerebras/x'] } },
        list: [{ id: 'main', default: true }, { id: 'flat' }, { id: 'unwrapped' }, { id: 'legacy' }],
      },
      env: { vars: { DEEPSEEK_API_KEY: canary('sk-ds-') }, TOGETHER_API_KEY: canary('tg-') },
      models: { providers: { openrouter: { apiKey: canary('sk-or-v1-') } } },
      auth: { profiles: { 'anthropic:tok': { provider: 'anthropic', mode: 'token' } } },
    },
    '.openclaw/agents/main/agent/auth-profiles.json': {
      version: 1,
      profiles: {
        'anthropic:key': { type: 'api_key', provider: 'anthropic', key: canary('sk-ant-api03-') },
        'anthropic:tok': { type: 'token', provider: 'anthropic', token: canary('sk-ant-oat01-', 90), expires: now + 2 * H },
        'anthropic:expired': { type: 'token', provider: 'anthropic', token: canary('sk-ant-oat01-', 90), expires: now - 2 * H },
        'anthropic:seconds': { type: 'token', provider: 'anthropic', token: canary('sk-ant-oat01-', 90), expires: Math.floor(now / 1000) + 3600 },
        'openai:oa': { type: 'oauth', provider: 'openai', access: canary('eyJhbGciOi-'), refresh: canary('rt-'), idToken: canary('eyJpZCI6-'), expires: now + 30 * 24 * H, email: 'me@example.com' },
        'anthropic:setup-as-key': { type: 'api_key', provider: 'anthropic', key: canary('sk-ant-oat01-', 90) },
        'anthropic:key-as-token': { type: 'token', provider: 'anthropic', token: canary('sk-ant-api03-') },
        'anthropic:truncated': { type: 'token', provider: 'anthropic', token: canary('sk-ant-oat01-', 20) },
        'anthropic:linebreak': { type: 'api_key', provider: 'anthropic', key: canary('sk-ant-api03-').replace('END', '\nEND') },
        'anthropic:access-token': { type: 'oauth', provider: 'anthropic', accessToken: canary('sk-ant-oat01-', 90) },
        'anthropic:bad-type': { type: 'bearer', provider: 'anthropic', key: canary('sk-ant-api03-') },
        'anthropic:no-provider': { type: 'api_key', key: canary('sk-ant-api03-') },
        'anthropic:wrong-field-type': { type: 'api_key', provider: 'anthropic', key: canary('sk-ant-api03-'), email: 42 },
      },
      usageStats: { 'anthropic:key': { cooldownUntil: now + H } },
    },
    '.openclaw/agents/flat/agent/auth-profiles.json': { openrouter: { apiKey: canary('sk-or-v1-') } },
    '.openclaw/agents/unwrapped/agent/auth-profiles.json': { 'anthropic:x': { type: 'api_key', provider: 'anthropic', key: canary('sk-ant-api03-') } },
    '.openclaw/agents/legacy/agent/auth.json': { anthropic: { type: 'api_key', provider: 'anthropic', key: canary('sk-ant-api03-') } },
    '.openclaw/credentials/oauth.json': { 'openai-codex': { access: canary('eyJhbGciOi-'), refresh: canary('rt-'), expires: now + 5 * H } },
    '.openclaw/.env': `MISTRAL_API_KEY=${canary('ms-')}\nexport ANTHROPIC_OAUTH_TOKEN="${canary('sk-ant-oat01-', 90)}"\n`,
    '.config/openclaw/gateway.env': `XAI_API_KEY=${canary('xai-')}\n`,
    // A working folder's .env: provider keys are refused there, and the refusal must not quote them.
    '.env': `OPENAI_API_KEY=${canary('sk-proj-')}\nCEREBRAS_API_KEY=${canary('csk-')}\nSOME_TOKEN=${canary('x-')}\n`,
  });
  return { GROQ_API_KEY: canary('gsk_'), CODEX_API_KEY: canary('sk-codex-') };
}

describe('canary secrets never reach stdout or stderr', () => {
  it('status, --json, --check, every agent, shell and daemon', () =>
    withTempDir((home) => {
      const env = homeWithCanaries(home);
      const runs: [string, string[]][] = [
        ['report', []], ['json', ['--json']], ['check', ['--check']], ['json check', ['--json', '--check']], ['daemon', ['--daemon']], ['daemon json', ['--daemon', '--json']],
        ...['main', 'flat', 'unwrapped', 'legacy'].flatMap((a): [string, string[]][] => [[`agent ${a}`, ['--agent', a]], [`agent ${a} json`, ['--agent', a, '--json']]]),
        ['compat', ['--compat', '2026.3', '--json']],
      ];
      let jsonOut = '';
      for (const [label, args] of runs) {
        const r = runOurCli(home, args, env);
        assert.ok(r.code >= 0 && r.code <= 2, `${label}: exit ${r.code} ${r.stderr}`);
        assertNoLeak(`${label} stdout`, r.stdout);
        assertNoLeak(`${label} stderr`, r.stderr);
        if (label === 'json') jsonOut = r.stdout;
      }
      // The canaries were really loaded and shown masked (so the test would see a leak).
      for (const shown of [canaries[2], canaries[3], canaries[0], canaries[1], canaries[canaries.length - 2]]) {
        assert.ok(jsonOut.includes(maskSecret(shown!)), `masked ${maskSecret(shown!)} is shown`);
      }
      const doc = JSON.parse(jsonOut) as { openclawAuth: { issues: { code: string }[] } };
      const codes = new Set(doc.openclawAuth.issues.map((i) => i.code));
      for (const code of ['profile/setup-token-as-api-key', 'profile/api-key-as-token', 'profile/token-truncated', 'profile/secret-line-break', 'profile/oauth-access-token-field', 'profile/expires-in-seconds', 'store/invalid-type', 'store/missing-provider', 'store/schema', 'store/legacy-flat', 'store/unwrapped-profiles', 'env/workspace-key-ignored']) {
        assert.ok(codes.has(code), `issue ${code} was raised (and checked for leaks)`);
      }
    }));

  it('malformed files holding canaries: the syntax error location, never the text', () =>
    withTempDir((home) => {
      const secret = canary('sk-ant-api03-');
      writeTree(home, {
        '.openclaw/openclaw.json': `{ env: { ANTHROPIC_API_KEY: "${canary('sk-ant-api03-')}" } ]`,
        '.openclaw/agents/main/agent/auth-profiles.json': `{"version":1,"profiles":{"anthropic:k":{"type":"api_key","provider":"anthropic","key":"${secret}" "x": 1}}}`,
        '.openclaw/agents/main/agent/auth-state.json': `{"order": "${canary('sk-ant-api03-')}`,
        '.openclaw/.env': Buffer.from(`ANTHROPIC_API_KEY=${canary('sk-ant-api03-')}\0\n`),
      });
      for (const args of [[], ['--json'], ['--check']]) {
        const r = runOurCli(home, args);
        assertNoLeak(`${args.join(' ') || 'report'} stdout`, r.stdout);
        assertNoLeak(`${args.join(' ') || 'report'} stderr`, r.stderr);
        if (args[0] === '--json') {
          const codes = (JSON.parse(r.stdout) as { openclawAuth: { issues: { code: string }[] } }).openclawAuth.issues.map((i) => i.code).sort();
          assert.deepEqual(codes, ['config/invalid-json5', 'file/binary', 'store/invalid-json']);
        }
      }
    }));
});
