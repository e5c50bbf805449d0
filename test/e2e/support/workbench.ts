/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser: they need the DOM types.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { chromiumPath, resultsDir } from './paths.ts';

/** Debian's Chromium, headless, with its own profile folder (Playwright refuses --user-data-dir in args). */
export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 850 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Opens the workbench at `url` and waits until it has rendered. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The status bar is the last part to appear; everything we check lives there or beside it.
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 30_000 });
}

/** A status-bar item by its DOM id (`publisher.name.itemId` in VS Code 1.139). */
export function statusBarItem(page: Page, domId: string): Locator {
  return page.locator(`.statusbar-item[id="${domId}"]`);
}

/** The item's visible text and its computed background colour (rgb(...) / rgba(...)). */
export async function statusBarLook(item: Locator): Promise<{ text: string; background: string; ariaLabel: string }> {
  return item.evaluate((el) => ({
    text: (el as HTMLElement).innerText.trim(),
    background: getComputedStyle(el).backgroundColor,
    ariaLabel: el.querySelector('a')?.getAttribute('aria-label') ?? el.getAttribute('aria-label') ?? '',
  }));
}

/** The colour a theme variable resolves to in the running workbench (e.g. `--vscode-statusBarItem-errorBackground`). */
export async function themeColor(page: Page, cssVariable: string): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('div');
    probe.style.backgroundColor = `var(${name})`;
    document.querySelector('.monaco-workbench')?.appendChild(probe);
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  }, cssVariable);
}

/** Runs a command the way a user does: F1, type its title, Enter. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  // Wait for the exact entry, so Enter does not run a half-filtered first match.
  const entry = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  try {
    await entry.waitFor({ timeout: 10_000 });
  } catch (error) {
    const shown = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
    await screenshot(page, 'palette-failure');
    throw new Error(`'${title}' is not in the command palette; it shows: ${JSON.stringify(shown)} (${(error as Error).message.split('\n')[0]})`);
  }
  await page.keyboard.press('Enter');
}

/**
 * Presses `key` until `shown` appears: on a loaded machine the server's answer for the cursor's
 * place may come after the first press (then the widget shows nothing, or closes). On failure a
 * screenshot named `failureShot` is kept.
 */
export async function pressUntilShown(page: Page, key: string, shown: Locator, failureShot: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press(key);
    if (await shown.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return;
    if (Date.now() > deadline) {
      await screenshot(page, failureShot);
      throw new Error(`pressing ${key} never showed ${String(shown)}`);
    }
  }
}

/** Picks the quick-pick entry whose label is exactly `label` (icons aside). */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const labels = async (): Promise<string[]> => rows.evaluateAll((els) => els.map((el) => (el.querySelector('.label-name')?.textContent ?? '').trim()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const index = (await labels()).indexOf(label);
    if (index >= 0) {
      await rows.nth(index).click();
      return;
    }
    if (Date.now() > deadline) throw new Error(`no quick-pick entry '${label}'; it shows: ${JSON.stringify(await rows.allInnerTexts())}`);
    await page.waitForTimeout(200);
  }
}

/**
 * Answers a quick input box as a user does: waits for the box whose prompt matches (and, when
 * `password` is given, whose field is or is not a password field), types `value` as keystrokes
 * (replacing the proposed value with `replace`), then presses Enter.
 */
export async function answerInput(page: Page, prompt: RegExp, value: string, options: { password?: boolean; replace?: boolean } = {}): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const message = (await widget.isVisible()) ? await widget.locator('.quick-input-message').innerText().catch(() => '') : '';
    const type = await input.getAttribute('type').catch(() => null);
    if (prompt.test(message) && (options.password === undefined || (type === 'password') === options.password)) break;
    if (Date.now() > deadline) throw new Error(`no input box asking ${prompt}; last prompt: '${message}'`);
    await page.waitForTimeout(100);
  }
  await input.click();
  if (options.replace) await page.keyboard.press('Control+A');
  await page.keyboard.type(value, { delay: 2 });
  await page.keyboard.press('Enter');
}

/** The texts of the visible notification toasts. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
}

/** Saves a screenshot to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** All text in the page, including hidden hovers, aria labels and titles (for canary checks). */
export async function allPageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of Array.from(document.querySelectorAll('[aria-label],[title]'))) {
      parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    return parts.join('\n');
  });
}
