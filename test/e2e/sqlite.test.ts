// A home of OpenClaw 2026.6.5+ keeps profiles in SQLite. The extension host of code-server is
// Node 24 (node:sqlite), so the extension reads the database there, and follows it when OpenClaw
// writes a renewed token into it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { sqliteHome, writeFiles } from '../fixtures/homes.ts';
import { nodeWithSqlite, runSql } from '../support/tree.ts';
import { ensure, freshRunDir } from './support/paths.ts';
import { openSession } from './support/session.ts';
import { screenshot } from './support/workbench.ts';
import { assertNoSecretInLogs, assertNoSecretOnScreen, expectStatus, findRow, openProfilesView } from './support/openclawUi.ts';

const HOUR = 3_600_000;

test('SQLite home: expiring token in openclaw-agent.sqlite, then renewed in the database', { timeout: 150_000 }, async () => {
  ensure('ensure-node24.sh');
  const sqliteNode = nodeWithSqlite();
  assert.ok(sqliteNode, 'a Node with node:sqlite (Node 24 from .cache/node24)');
  const stateDir = path.join(freshRunDir('home-sqlite'), 'openclaw');
  const home = sqliteHome(Date.now() + 3.5 * HOUR);
  writeFiles(stateDir, home.files);
  runSql(sqliteNode, path.join(stateDir, home.database), home.statements);

  const session = await openSession({ name: 'sqlite', stateDir });
  try {
    const { page } = session;
    await expectStatus(page, { text: 'anthropic:default 3h', icon: 'warning', level: 'warning' });
    await openProfilesView(page);
    const profile = await findRow(page, 'anthropic:default', 'main');
    assert.ok(profile, 'the tree shows the profile read from SQLite');
    assert.match(profile.description, /^in 3h · used · token:sk-ant-o\.\.\.xxxxxsql$/);
    await screenshot(page, 'sqlite-expiring');
    await assertNoSecretOnScreen(page, 'sqlite home');

    // `openclaw models auth paste-token` on 2026.9.6 replaces the row in the database.
    runSql(sqliteNode, path.join(stateDir, home.database), sqliteHome(Date.now() + 30 * 24 * HOUR).statements.slice(2));
    await expectStatus(page, { text: 'OpenClaw', icon: 'check', level: 'ok' }, 30_000);
    await screenshot(page, 'sqlite-renewed');
    assertNoSecretInLogs(session.server.extensionHostLog(), 'sqlite home');
  } finally {
    await session.close();
  }
});
