// helm validates values against each chart's values.schema.json and follows the schema's `$ref`s,
// over HTTP or to any local file. Before helm runs, every schema of the chart — folders and
// charts/*.tgz archives alike — is searched for references that leave the schema itself; when one
// is found, helm runs without schema validation and the reference is reported at its line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface ExternalSchemaRef {
  /** Repo-relative schema file, or the archive that holds it. */
  file: string;
  line: number;
  ref: string;
}

const SCHEMA_FILE = 'values.schema.json';
const REF_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef', '$schema']);
/** Metaschemas the validator carries itself. */
const KNOWN_METASCHEMA = /^https?:\/\/json-schema\.org\/(draft[-/\w.]*|schema)#?$/;
const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * References that leave the schema: any `$ref`-like value not starting with '#', and any `$schema`
 * other than a standard metaschema. The JSON is parsed (escaped keys such as "\u0024ref" are still
 * keys); the line is where the value's text first appears.
 */
export function externalRefs(text: string, file: string): ExternalSchemaRef[] {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    return [];
  }
  const out: ExternalSchemaRef[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (REF_KEYWORDS.has(key) && typeof value === 'string') {
          const external = key === '$schema' ? !KNOWN_METASCHEMA.test(value) : !value.startsWith('#');
          if (external) out.push({ file, line: lineAt(text, Math.max(0, text.indexOf(JSON.stringify(value).slice(1, -1)))), ref: value });
        } else walk(value);
      }
    }
  };
  walk(schema);
  return out;
}

/** The values.schema.json files inside a gzipped tar archive (a packaged subchart), nested archives included. */
function schemasInArchive(archive: Buffer): string[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: MAX_ARCHIVE_BYTES });
  } catch {
    return [];
  }
  const found: string[] = [];
  let pos = 0;
  while (pos + 512 <= tar.length) {
    const header = tar.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const path = prefix ? `${prefix}/${name}` : name;
    const body = tar.subarray(pos + 512, pos + 512 + size);
    if ((type === '0' || type === '\0') && path.endsWith(SCHEMA_FILE)) found.push(body.toString('utf8'));
    else if ((type === '0' || type === '\0') && path.endsWith('.tgz')) found.push(...schemasInArchive(body));
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return found;
}

/** Every external schema reference in the chart at `chartDir` (a folder of the private tree) and its subcharts. */
export function externalSchemaRefs(treeRoot: string, chartDir: string): ExternalSchemaRef[] {
  const out: ExternalSchemaRef[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(treeRoot, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name === SCHEMA_FILE) out.push(...externalRefs(readFileSync(join(treeRoot, path), 'utf8'), path));
      else if (entry.isFile() && /\.tgz$/.test(entry.name)) {
        for (const schema of schemasInArchive(readFileSync(join(treeRoot, path)))) out.push(...externalRefs(schema, path).map((r) => ({ ...r, line: 1 })));
      }
    }
  };
  walk(chartDir);
  return out;
}
