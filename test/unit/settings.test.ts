import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadOptionsFor, parseServerSettings, trustedWorkingFolder } from '../../server/src/settings.ts';

const cases: { name: string; raw: unknown; expected: ReturnType<typeof parseServerSettings> }[] = [
  { name: 'VS Code didChangeConfiguration shape', raw: { settings: { openclawAuth: { defaultAgent: 'ops', envMode: 'daemon' } } }, expected: { defaultAgent: 'ops', envMode: 'daemon' } },
  { name: 'section object', raw: { openclawAuth: { stateDir: ' ~/oc ', warningWindowHours: 2.5 } }, expected: { stateDir: '~/oc', warningWindowHours: 2.5 } },
  { name: 'bare object', raw: { warningWindowHours: 0, trustedWorkspace: false }, expected: { warningWindowHours: 0, trustedWorkspace: false } },
  { name: 'wrong types are dropped', raw: { stateDir: 3, defaultAgent: ['x'], warningWindowHours: '24', envMode: 'systemd', trustedWorkspace: 'no' }, expected: {} },
  { name: 'blank strings mean the default', raw: { stateDir: '   ', defaultAgent: '' }, expected: {} },
  { name: 'negative or infinite hours are dropped', raw: { warningWindowHours: -1 }, expected: {} },
  { name: 'NaN hours are dropped', raw: { warningWindowHours: Number.NaN }, expected: {} },
  { name: 'null', raw: null, expected: {} },
  { name: 'array', raw: [1, 2], expected: {} },
  { name: 'settings without our section', raw: { settings: { other: { x: 1 } } }, expected: {} },
];

for (const c of cases) {
  test(`parseServerSettings: ${c.name}`, () => {
    assert.deepEqual(parseServerSettings(c.raw), c.expected);
  });
}

test('loadOptionsFor turns hours into milliseconds and passes the state dir and cwd', () => {
  const env = { HOME: '/h' };
  assert.deepEqual(loadOptionsFor({ warningWindowHours: 1.5, stateDir: '/s', envMode: 'daemon' }, env, '/w', 42), {
    env, mode: 'daemon', now: 42, cwd: '/w', stateDir: '/s', warnMs: 5_400_000,
  });
  assert.deepEqual(loadOptionsFor({}, env, undefined, 7), { env, mode: 'shell', now: 7 });
});

test('trustedWorkingFolder: only an explicit trustedWorkspace: true lets the working folder be read', () => {
  assert.equal(trustedWorkingFolder({ trustedWorkspace: true }, '/w'), '/w');
  assert.equal(trustedWorkingFolder({ trustedWorkspace: false }, '/w'), undefined);
  assert.equal(trustedWorkingFolder({}, '/w'), undefined);
  assert.equal(trustedWorkingFolder(parseServerSettings({ trustedWorkspace: 'yes' }), '/w'), undefined);
});
