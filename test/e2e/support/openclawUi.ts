import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { CANARY } from '../../fixtures/homes.ts';
import { allPageText, statusBarItem, statusBarLook, themeColor } from './workbench.ts';
import { waitFor } from './processes.ts';

/** The status-bar item's DOM id: VS Code prefixes the item id with the extension id (publisher.name). */
export const STATUS_ITEM_DOM_ID = 'openclaw-auth.openclaw-auth.openclawAuth.status';

export type ExpectedLevel = 'ok' | 'warning' | 'error';

export interface StatusExpectation {
  /** The visible text (codicons are icons, not text). */
  text: string;
  /** The codicon the item starts with. */
  icon: 'check' | 'warning' | 'error';
  level: ExpectedLevel;
}

export function ourStatusItem(page: Page): Locator {
  return statusBarItem(page, STATUS_ITEM_DOM_ID);
}

/** Waits until the status item shows `expected` (text, icon, background), then returns what it shows. */
export async function expectStatus(page: Page, expected: StatusExpectation, timeoutMs = 45_000, intervalMs = 200): Promise<{ text: string; background: string }> {
  const item = ourStatusItem(page);
  const wanted = await expectedBackground(page, expected.level);
  let last = { text: '(no item)', background: '', icons: [] as string[] };
  try {
    return await waitFor(
      `status bar '${expected.text}' (${expected.level})`,
      async () => {
        if ((await item.count()) === 0) return undefined;
        const look = await statusBarLook(item);
        const icons = await item.locator('.codicon').evaluateAll((els) => els.map((el) => el.className));
        last = { text: look.text, background: look.background, icons };
        const iconOk = icons.some((c) => c.split(/\s+/).includes(`codicon-${expected.icon}`));
        return look.text === expected.text && look.background === wanted && iconOk ? look : undefined;
      },
      timeoutMs,
      intervalMs,
    );
  } catch (error) {
    const ids = await page.locator('.statusbar-item').evaluateAll((els) => els.map((el) => el.id));
    throw new Error(
      `${(error as Error).message}; last seen text '${last.text}', background ${last.background} (wanted ${wanted}), icons [${last.icons.join(' | ')}]; status items: ${ids.join(', ')}`,
    );
  }
}

/** ok has no background of its own (transparent); warning and error use the theme's status-bar colours. */
async function expectedBackground(page: Page, level: ExpectedLevel): Promise<string> {
  if (level === 'ok') return TRANSPARENT;
  const variable = level === 'warning' ? '--vscode-statusBarItem-warningBackground' : '--vscode-statusBarItem-errorBackground';
  const colour = await themeColor(page, variable);
  // An undefined variable would make "expected = actual = transparent" pass for nothing.
  assert.notEqual(colour, TRANSPARENT, `the theme defines ${variable}`);
  return colour;
}

const TRANSPARENT = 'rgba(0, 0, 0, 0)';

/** Hovers the item so its tooltip renders, and returns the hover's text. */
export async function statusTooltip(page: Page): Promise<string> {
  await ourStatusItem(page).hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /\S/ }).last();
  await hover.waitFor({ state: 'visible', timeout: 10_000 });
  return hover.innerText();
}

/** No secret of the fixtures is anywhere in the page: text, hovers, aria labels, titles. */
export async function assertNoSecretOnScreen(page: Page, where: string): Promise<void> {
  const text = await allPageText(page);
  assert.ok(!text.includes(CANARY), `a secret (canary) is visible in the workbench (${where})`);
}

export function assertNoSecretInLogs(logs: string, where: string): void {
  const index = logs.indexOf(CANARY);
  assert.equal(index, -1, `a secret (canary) is in the logs (${where}): …${logs.slice(Math.max(0, index - 200), index + 50)}…`);
}

/**
 * VS Code's own activation time for the extension, read from Developer: Show Running Extensions
 * (the workbench's measure: loading the module and running `activate`).
 */
export async function activationTimeFromRunningExtensions(page: Page): Promise<{ ms: number; text: string }> {
  const { runFromPalette } = await import('./workbench.ts');
  await runFromPalette(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'OpenClaw Auth' }).first();
  await row.waitFor({ timeout: 20_000 });
  const text = (await row.locator('.activation-time').innerText()).trim();
  const match = /(\d+)\s*ms/.exec(text);
  if (!match) throw new Error(`no activation time in '${text}'`);
  await page.keyboard.press('Escape'); // the view opens as a modal editor over the workbench
  return { ms: Number(match[1]), text };
}

export interface TreeRow {
  label: string;
  description: string;
  /** 1 for agents, 2 for providers, 3 for profiles and keys. */
  level: number;
  /** undefined for a leaf. */
  expanded: boolean | undefined;
}

/** The rows of the OpenClaw Auth credentials tree, as rendered (only rows scrolled into view). */
export async function profileTreeRows(page: Page): Promise<TreeRow[]> {
  return page.locator('.part.sidebar .monaco-list-row').evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
      level: Number(row.getAttribute('aria-level') ?? 0),
      expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : undefined,
    })),
  );
}

/** Opens the OpenClaw Auth view from the activity bar and waits for its first agent row. */
export async function openProfilesView(page: Page): Promise<void> {
  const item = page.locator('.activitybar .action-item').filter({ has: page.locator('a[aria-label="OpenClaw Auth"]') });
  // Clicking the icon of the view already shown would close the side bar.
  if (!((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) await item.click();
  await page.locator('.part.sidebar .monaco-list-row[aria-level="1"]').first().waitFor({ timeout: 20_000 });
}

/** The tree row with this label under `parent` (an agent label), or at the top level. */
export async function findRow(page: Page, label: string, parent?: string): Promise<TreeRow | undefined> {
  const rows = await profileTreeRows(page);
  let inParent = parent === undefined;
  let parentLevel = 0;
  for (const row of rows) {
    if (parent !== undefined && row.label === parent && row.level === 1) {
      inParent = true;
      parentLevel = row.level;
      continue;
    }
    if (parent !== undefined && inParent && row.level <= parentLevel) inParent = false;
    if (inParent && row.label === label) return row;
  }
  return undefined;
}

/** Expands a collapsed row (clicking it, as a user does) and waits until it is expanded. */
export async function expandRow(page: Page, label: string, level: number): Promise<void> {
  const row = page.locator(`.part.sidebar .monaco-list-row[aria-level="${level}"]`).filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  }).first();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  await waitFor(`tree row ${label} expanded`, async () => ((await row.getAttribute('aria-expanded')) === 'true' ? true : undefined), 10_000);
}

/** Whether the first `chars` characters of a tree row's description are drawn inside the row (not cut by the side bar). */
export async function descriptionStartVisible(page: Page, label: string, chars: number): Promise<{ visible: boolean; text: string }> {
  return page.locator('.part.sidebar .monaco-list-row').evaluateAll((rows, [wanted, n]) => {
    const row = rows.find((r) => r.querySelector('.label-name')?.textContent?.trim() === wanted);
    const description = row?.querySelector('.label-description');
    const textNode = description?.firstChild;
    if (!row || !description || !textNode) return { visible: false, text: '' };
    const range = document.createRange();
    range.setStart(textNode, 0);
    range.setEnd(textNode, Math.min(Number(n), textNode.textContent?.length ?? 0));
    const drawn = range.getBoundingClientRect();
    const clip = (row.querySelector('.monaco-icon-label-container') ?? row).getBoundingClientRect();
    const sidebar = document.querySelector('.part.sidebar')!.getBoundingClientRect();
    return { visible: drawn.width > 0 && drawn.right <= Math.min(clip.right, sidebar.right) + 0.5, text: description.textContent ?? '' };
  }, [label, chars] as const);
}

/** The hover a tree row shows (its tooltip), as text. */
export async function rowTooltip(page: Page, label: string): Promise<string> {
  const row = page.locator('.part.sidebar .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();
  await row.hover();
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: label }).last();
  await hover.waitFor({ state: 'visible', timeout: 10_000 });
  const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
  await page.mouse.move(700, 10);
  // Gone before the next row's hover is read (their texts may share words, such as a path).
  await hover.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  return text;
}
