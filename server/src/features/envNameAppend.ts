import type { TextEdit } from 'vscode-languageserver-protocol';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The names OpenClaw keeps from env files (letters, digits, underscores, not starting with a digit). */
const PORTABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `NAME=` on a line of its own at the end of an env file: the name only, the value is the user's
 * to type. Used by the `env/gateway-will-not-see` quick fix and the tree's Add to the state .env.
 * `cursorOffset` is just after the `=` in the edited text. Undefined for a name OpenClaw would ignore.
 */
export function appendEnvNameEdit(doc: TextDocument, name: string): { edit: TextEdit; cursorOffset: number } | undefined {
  if (!PORTABLE_NAME.test(name)) return undefined;
  const text = doc.getText();
  const end = doc.positionAt(text.length);
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  return {
    edit: { range: { start: end, end }, newText: `${lead}${name}=\n` },
    cursorOffset: text.length + lead.length + name.length + 1,
  };
}
