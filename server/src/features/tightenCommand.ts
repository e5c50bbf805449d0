import { fileURLToPath } from 'node:url';
import { classifyDocument, type DocumentContext } from '../diagnostics/documentDiagnostics.js';
import { tightenFileMode } from '../diagnostics/fileMode.js';

/**
 * The server side of the `file/readable-by-others` quick fix: `arguments[0]` is the document's URI.
 * Only a file OpenClaw keeps secrets in is ever changed, and only its group/other bits are taken
 * off, whatever a client sends. Returns the file's path when its mode changed.
 */
export function runTightenCommand(args: unknown[] | undefined, ctx: DocumentContext): string | undefined {
  const uri = args?.[0];
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  return tightenFileMode(file, classifyDocument(file, ctx)) ? file : undefined;
}
