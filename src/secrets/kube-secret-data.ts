// Base64 `data:` entries of Kubernetes Secret manifests (YAML), located by line, so the decoded
// values can be scanned like any other text.

export interface SecretDataEntry {
  key: string;
  base64: string;
  /** Line of the `key:` entry (1-based). */
  line: number;
  endLine: number;
}

const KIND_SECRET = /^kind:\s*["']?Secret["']?\s*(?:#.*)?$/;
const DATA = /^data:\s*(?:#.*)?$/;
const ENTRY = /^(\s+)["']?([\w.-]{1,253})["']?\s*:\s*(.*)$/;

export function mayHoldSecretManifest(text: string): boolean {
  return /^kind:\s*["']?Secret\b/m.test(text);
}

export function secretDataEntries(lines: string[]): SecretDataEntry[] {
  const out: SecretDataEntry[] = [];
  let docStart = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || /^(?:---|\.\.\.)(?:\s|$)/.test(lines[i])) {
      collectDoc(lines, docStart, i, out);
      docStart = i + 1;
    }
  }
  return out;
}

function collectDoc(lines: string[], from: number, to: number, out: SecretDataEntry[]): void {
  let isSecret = false;
  let dataAt = -1;
  for (let i = from; i < to; i++) {
    if (KIND_SECRET.test(lines[i])) isSecret = true;
    else if (DATA.test(lines[i])) dataAt = i;
  }
  if (!isSecret || dataAt < 0) return;
  let indent = -1;
  for (let i = dataAt + 1; i < to; i++) {
    const l = lines[i];
    if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
    const m = ENTRY.exec(l);
    if (!m) {
      if (!/^\s/.test(l)) return;
      continue;
    }
    if (indent < 0) indent = m[1].length;
    if (m[1].length !== indent) continue;
    let raw = m[3].replace(/\s+#.*$/, '').trim().replace(/^["']|["']$/g, '');
    let end = i;
    if (/^[|>][-+]?$/.test(raw)) {
      raw = '';
      while (end + 1 < to && (lines[end + 1].trim() === '' || lines[end + 1].length - lines[end + 1].trimStart().length > indent)) {
        end++;
        raw += lines[end].trim();
      }
    }
    if (raw) out.push({ key: m[2], base64: raw, line: i + 1, endLine: end + 1 });
    i = end;
  }
}

/** Decoded UTF-8 text of a base64 value, or undefined when it is not base64 of text. */
export function decodeBase64Text(b64: string): string | undefined {
  const clean = b64.replace(/\s+/g, '');
  if (clean.length < 4 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  const text = Buffer.from(clean, 'base64').toString('utf8');
  if (text.includes('\uFFFD') || /[\x00-\x08\x0E-\x1F]/.test(text)) return undefined;
  return text;
}
