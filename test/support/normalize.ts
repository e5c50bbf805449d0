/**
 * Reduces a `models status --json` document (OpenClaw's or ours) to the auth facts both must agree
 * on, the same reduction as shared/openclaw/normalize.mjs, so records and live runs compare directly.
 */
export interface NormalizedAuth {
  providers: { provider: string; effective?: string; detail?: string; env?: string; envValue?: string; labels: string[] }[];
  profiles: { profileId: string; type: string; status: string }[];
  missingProvidersInUse: string[];
  unusableProfiles: { profileId: string; kind: string }[];
}

interface StatusDoc {
  auth?: {
    providers?: { provider: string; effective?: { kind?: string; detail?: string }; env?: { source: string; value: string }; profiles?: { labels?: string[] } }[];
    oauth?: { profiles?: { profileId: string; type: string; status: string }[] };
    missingProvidersInUse?: string[];
    unusableProfiles?: { profileId: string; kind: string }[];
  };
}

/** Parses the JSON that follows any log lines on stdout. */
export function parseStatusOutput(stdout: string): StatusDoc {
  const start = stdout.indexOf('{');
  if (start === -1) throw new Error('no JSON in output');
  return JSON.parse(stdout.slice(start)) as StatusDoc;
}

export function normalizeStatus(doc: StatusDoc): NormalizedAuth {
  const a = doc.auth ?? {};
  return {
    providers: (a.providers ?? [])
      .map((p) => ({
        provider: p.provider,
        effective: p.effective?.kind,
        detail: p.effective?.detail,
        ...(p.env ? { env: p.env.source, envValue: p.env.value } : {}),
        labels: p.profiles?.labels ?? [],
      }))
      .sort((x, y) => x.provider.localeCompare(y.provider)),
    profiles: (a.oauth?.profiles ?? [])
      .map((p) => ({ profileId: p.profileId, type: p.type, status: p.status }))
      .sort((x, y) => x.profileId.localeCompare(y.profileId)),
    missingProvidersInUse: [...(a.missingProvidersInUse ?? [])].sort(),
    unusableProfiles: (a.unusableProfiles ?? []).map((u) => ({ profileId: u.profileId, kind: u.kind })),
  };
}

/** A recorded `.out` file: the normalized JSON, then a line `check=N`. */
export function parseRecord(text: string): { auth: NormalizedAuth; check: number } {
  const lines = text.trimEnd().split('\n');
  const last = lines.pop() ?? '';
  const m = /^check=(\d+)$/.exec(last);
  if (!m) throw new Error(`record does not end with check=N: ${last}`);
  return { auth: JSON.parse(lines.join('\n')) as NormalizedAuth, check: Number(m[1]) };
}
