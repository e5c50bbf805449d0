import type { PasteTokenParams } from '../../server/src/protocol';

/**
 * Recognising the token in `claude setup-token`'s terminal output. Pure (no `vscode`), so it is
 * unit-tested in plain Node. The output arrives as raw terminal data: colour and cursor escape
 * sequences are removed before looking for the token.
 */

/** Terminal control sequences: CSI (colours, cursor), OSC (titles, shell integration marks), and two-byte escapes. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
/** A setup-token: its prefix, then the URL-safe base64 body Anthropic issues. */
const SETUP_TOKEN = /sk-ant-oat01-[A-Za-z0-9_-]+/g;

export function stripTerminalEscapes(text: string): string {
  return text.replace(ESCAPES, '');
}

/** The last setup-token printed in this output, if any. */
export function findSetupToken(output: string): PasteTokenParams['token'] | undefined {
  let found: string | undefined;
  for (const match of stripTerminalEscapes(output).matchAll(SETUP_TOKEN)) found = match[0];
  return found;
}

/**
 * The end of a command's output, bounded: enough to hold a token and the escapes around it,
 * never the whole session.
 */
export class OutputTail {
  private buffer = '';
  constructor(private readonly limit = 8192) {}
  push(chunk: string): void {
    this.buffer = (this.buffer + chunk).slice(-this.limit);
  }
  get text(): string {
    return this.buffer;
  }
  clear(): void {
    this.buffer = '';
  }
}
