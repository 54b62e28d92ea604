// Untrusted text (file names, object names, messages, rendered output) going into GitHub markdown,
// HTML blocks and terminals. A pull request chooses all of it.

const ZERO_WIDTH_SPACE = '\u200b';
/** C0/C1 control characters (tab and newline handled separately) and the bidirectional overrides of "Trojan Source". */
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line: CR, LF and the Unicode line/paragraph separators become spaces, controls become U+FFFD. */
function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(CONTROL_RE, '\ufffd');
}

/**
 * No pinging, no links: `@user` and `@org/team` mentions, `#123` / `owner/repo#123` references and bare
 * URLs get a zero-width space, so GitHub neither notifies anyone, cross-links an issue nor autolinks.
 */
export function defuseReferences(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_SPACE}`)
    // bare URLs: GitHub autolinks `scheme://` and `www.` in prose
    .replace(/(?<=[A-Za-z])(?=:\/\/)/g, ZERO_WIDTH_SPACE)
    .replace(/\b(www)(?=\.)/gi, `$1${ZERO_WIDTH_SPACE}`);
}

function htmlEntities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Escapes markdown and HTML so untrusted text renders as the literal text, on one line. HTML
 * characters become entities (backslash escapes do not work inside HTML), markdown punctuation is
 * backslash-escaped, mentions and issue references are defused.
 */
export function escapeMarkdown(text: string): string {
  return defuseReferences(htmlEntities(oneLine(text)).replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`));
}

/** For text inside a raw HTML element (`<summary>`), where markdown escapes would show as backslashes. */
export function escapeHtml(text: string): string {
  return defuseReferences(htmlEntities(oneLine(text)));
}

/** Inline code span that survives backticks inside the text. Mentions do not fire inside code. */
export function codeSpan(text: string): string {
  const clean = oneLine(text);
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A table cell: GFM splits cells on `|` even inside code spans unless it is escaped. */
export function tableCell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|');
}

/** A fence longer than any backtick run inside `body`, so the body cannot close it early. */
export function fenceFor(body: string, min = 3): string {
  const longest = Math.max(0, ...[...body.matchAll(/`{3,}/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(min, longest + 1));
}

/**
 * Text for a terminal or a CI log: control characters (escape sequences that recolour, retitle or
 * clear the terminal) and bidi overrides are shown as `\xNN` / `\u{NNNN}`; newlines are kept only when
 * `keepNewlines` (a finding message never spans lines, so nothing can forge a line of the report).
 */
export function terminalSafe(text: string, keepNewlines = false): string {
  const lines = keepNewlines ? text.split(/\r?\n/) : [text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')];
  return lines
    .map((l) => l.replace(CONTROL_RE, (c) => {
      const code = c.codePointAt(0)!;
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    }))
    .join('\n');
}

/**
 * A line of a report that starts with untrusted text (a file name). GitHub Actions runs any stdout
 * line starting with `::` as a workflow command (`::add-mask::`, `::error file=…::`, `::stop-commands::`),
 * so such a line gets a `./` in front.
 */
export function safeLineStart(text: string): string {
  return /^\s*::/.test(text) ? `./${text.trimStart()}` : text;
}

/** Cuts text to at most `limit` characters, appending `note` when it had to. */
export function truncate(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  return text.slice(0, Math.max(0, limit - note.length - 1)) + '\n' + note;
}
