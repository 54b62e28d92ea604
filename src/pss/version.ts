// Policy versions as Pod Security Admission spells them: "v1.<minor>" or "latest".
export const LATEST_MINOR = 37;

export interface PolicyVersion {
  /** The minor version used to pick check revisions (latest → LATEST_MINOR). */
  minor: number;
  /** How to print it: "v1.25" or "latest". */
  label: string;
}

const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

/** Parses "v1.N" | "latest" (upstream's api.ParseVersion); throws a one-line reason otherwise. */
export function parseVersion(value: string): PolicyVersion {
  const v = value.trim();
  if (v === 'latest') return { minor: LATEST_MINOR, label: 'latest' };
  const m = VERSION.exec(v);
  if (!m) throw new Error(`invalid Pod Security version "${value}" (expected "latest" or "v1.<minor>", e.g. v1.30)`);
  // Versions newer than the newest known policy evaluate with the newest check revisions.
  return { minor: Number(m[1]), label: v };
}
