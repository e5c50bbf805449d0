import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer.ts';
import { freshRunDir } from './paths.ts';
import { launchBrowser, openWorkbench } from './workbench.ts';

/** A code-server, a headless Chromium on it, and the workbench open on a workspace folder. */
export interface WorkbenchSession {
  runDir: string;
  workspace: string;
  server: CodeServer;
  browser: BrowserContext;
  page: Page;
  /** Messages the page printed to its console (errors from the workbench and extensions). */
  consoleLines: string[];
  /** Stops the browser and the whole code-server process group; safe to call more than once. */
  close(): Promise<void>;
}

export interface SessionOptions extends Omit<CodeServerOptions, 'runDir'> {
  name: string;
  /** Opens the workbench after this, e.g. to expose automation functions first. */
  beforeOpen?: (page: Page, server: CodeServer, workspace: string) => Promise<string | void>;
}

/** Starts everything; on any failure stops what was started before rethrowing. */
export async function openSession(options: SessionOptions): Promise<WorkbenchSession> {
  const runDir = freshRunDir(options.name);
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# A gateway host\n');
  const cleanups: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const server = await startCodeServer({ ...options, runDir });
    cleanups.push(() => server.stop());
    const browser = await launchBrowser(path.join(runDir, 'chromium-profile'));
    cleanups.push(() => browser.close());
    const page = browser.pages()[0] ?? (await browser.newPage());
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    const url = (await options.beforeOpen?.(page, server, workspace)) ?? server.folderUrl(workspace);
    await openWorkbench(page, url);
    return { runDir, workspace, server, browser, page, consoleLines, close };
  } catch (error) {
    await close();
    throw error;
  }
}
