/**
 * When the extension host started activating our extension, from its log line
 * `ExtensionService#_doActivateExtension openclaw-auth.openclaw-auth, …` (timestamps are local
 * time; code-server runs with TZ=UTC here). Returns ms since the epoch, or undefined.
 */
export function activationStartFromLog(extensionHostLog: string, extensionId: string): number | undefined {
  const escaped = extensionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const line = new RegExp(`^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) \\[info\\] ExtensionService#_doActivateExtension ${escaped},`, 'm').exec(extensionHostLog);
  if (!line) return undefined;
  return Date.parse(`${line[1]}T${line[2]}Z`);
}
