// Untrusted text (file names, object names, messages) going into GitHub markdown.

/** Escapes markdown/HTML control characters and defuses @mentions and #references. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
    .replace(/\r?\n/g, ' ');
}

/** Inline code span that survives backticks inside the text. */
export function codeSpan(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fence longer than any backtick run inside `body`, so the body cannot close it early. */
export function fenceFor(body: string, min = 3): string {
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(min, longest + 1));
}

/** Cuts text to at most `limit` characters, appending `note` when it had to. */
export function truncate(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  return text.slice(0, Math.max(0, limit - note.length - 1)) + '\n' + note;
}
