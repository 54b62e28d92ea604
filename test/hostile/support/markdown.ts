// GitHub-flavoured markdown rendered the way GitHub parses it (micromark + GFM, raw HTML passed
// through), so tests judge what a reader would see rather than the escaping code's own idea of it.
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** Element names in rendered HTML. */
export function elementsOf(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1].toLowerCase());
}

export function attributesOf(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[^>]*)?)>/g)].flatMap((m) => [...m[1].matchAll(/([a-zA-Z:-]+)\s*=/g)].map((a) => a[1].toLowerCase()));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The text a reader sees outside code spans and code blocks (where GitHub links mentions and issue references). */
export function proseOf(html: string): string {
  return decodeEntities(html.replace(/<pre>[\s\S]*?<\/pre>/g, ' ').replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' '));
}

/** Contents of the ```suggestion blocks, decoded. */
export function suggestionsOf(html: string): string[] {
  return [...html.matchAll(/<pre><code class="language-suggestion">([\s\S]*?)<\/code><\/pre>/g)].map((m) => decodeEntities(m[1]));
}

/** `@user` / `@org/team` that GitHub would turn into a notification. */
export const MENTION_RE = /(^|[^A-Za-z0-9`])@[A-Za-z0-9]/;
/** `#123` / `owner/repo#123` that GitHub would cross-link. */
export const ISSUE_REF_RE = /#\d/;
