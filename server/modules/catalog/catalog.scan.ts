import { scanText, type Finding } from './sensitive-scan.js';

/** A finding with where it was found and whether a reviewer overrode it. Stored masked only. */
export interface SourcedFinding {
  kind: Finding['kind'];
  labelZh: string;
  severity: Finding['severity'];
  masked: string;
  context: string;
  fingerprint: string;
  /** 'title' | 'summary' | 'body' | 'attachment:<file name>' */
  source: string;
  overridden: boolean;
  overrideReason: string | null;
}

export interface ScanInput {
  title: string;
  summary: string | null;
  bodyText: string;
  docNumber?: string | null;
  attachments: { fileName: string; text: string | null }[];
}

/** Scans every text-bearing part of a revision; overrides (fingerprint → reason) mark findings resolved. */
export function scanRevisionContent(
  input: ScanInput,
  overrides: ReadonlyMap<string, string>,
): SourcedFinding[] {
  const parts: [string, string][] = [
    ['title', input.title],
    ['summary', input.summary ?? ''],
    ['body', input.bodyText],
    ...input.attachments.map((a): [string, string] => [`attachment:${a.fileName}`, a.text ?? '']),
  ];
  const out: SourcedFinding[] = [];
  for (const [source, text] of parts) {
    if (!text) continue;
    for (const f of scanText(text)) {
      const reason = overrides.get(f.fingerprint) ?? null;
      out.push({
        kind: f.kind,
        labelZh: f.labelZh,
        severity: f.severity,
        masked: f.masked,
        context: f.context,
        fingerprint: f.fingerprint,
        source,
        overridden: reason !== null,
        overrideReason: reason,
      });
    }
  }
  return out;
}

export function unresolved(findings: readonly SourcedFinding[]): SourcedFinding[] {
  return findings.filter((f) => !f.overridden);
}
