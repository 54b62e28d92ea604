// GAP-6: images referenced by a mutable tag instead of an immutable digest.
import type { FieldPath, ValuePart } from '../../src/core/types.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { containersOf } from '../../src/k8s/workloads.js';
import { containerLabel, walkLeaves, workloadsOf } from './support.js';

export interface ImageParts {
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry:5000/org/app:1.2@sha256:…` into repository, tag and digest. */
export function parseImage(image: string): ImageParts {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repository: rest, digest };
}

/**
 * The part of an image reference that makes it mutable: the tag, or for an untagged image the whole
 * reference (where a tag or digest has to go). Offsets are in `image` as written.
 */
export function mutablePart(image: string): ValuePart {
  const start = image.length - image.trimStart().length;
  const ref = image.trim();
  const img = parseImage(ref);
  if (img.tag === undefined) return { start, end: start + ref.length };
  const tagStart = start + img.repository.length + 1;
  return { start: tagStart, end: tagStart + img.tag.length };
}

/** The values mapping that feeds this image (has repository + tag matching it), if any. */
function imageValuesPath(values: Record<string, unknown>, img: ImageParts): FieldPath | undefined {
  let found: FieldPath | undefined;
  walkLeaves(values, (path, leaf) => {
    if (found || path[path.length - 1] !== 'tag' || String(leaf) !== img.tag) return;
    const parent = path.slice(0, -1);
    let node: unknown = values;
    for (const seg of parent) node = (node as Record<string, unknown>)[seg as string];
    const repo = (node as Record<string, unknown>)?.repository;
    if (typeof repo === 'string' && repo !== '' && (img.repository === repo || img.repository.endsWith(`/${repo}`) || repo.endsWith(img.repository))) found = parent;
  });
  return found;
}

export default defineRule({
  meta: {
    id: 'image-not-pinned-by-digest',
    title: 'Container image referenced by tag instead of digest',
    severity: 'medium',
    refs: ['GAP-6'],
    category: 'supply-chain',
    rationale: 'Tags are mutable: whoever can push to the registry can swap the image behind "0.9.0" without any change in git. A digest pins the exact bytes that were reviewed and scanned.',
    remediation: 'Reference the image as repository@sha256:<digest> (in Helm charts set the image `digest` value, e.g. from `crane digest repo:tag`). Never use `:latest` or an untagged image.',
    docs: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    fixable: false,
  },
  check(ctx: RuleContext) {
    for (const { target, pod } of workloadsOf(ctx.objects)) {
      for (const c of containersOf(pod)) {
        const image = c.container.image;
        if (typeof image !== 'string' || image.trim() === '') continue;
        const img = parseImage(image.trim());
        if (img.digest) continue;
        const path = [...c.path, 'image'];
        const floating = !img.tag || img.tag === 'latest';
        const severity = floating || ctx.isProd ? 'high' : 'medium';
        const pinned = `${img.repository}@sha256:…`;
        let message = floating
          ? `${containerLabel(c)} uses ${img.tag ? 'the ":latest" tag' : 'no tag at all'} (${image}); pin it by digest: ${pinned}`
          : `${containerLabel(c)} uses the mutable tag "${img.tag}"${ctx.isProd ? ' in production' : ''}; pin it by digest: ${pinned}`;
        let location;
        if (ctx.values) {
          const vp = imageValuesPath(ctx.values.values, img);
          if (vp) {
            const block = ctx.values.values && (vp.reduce<unknown>((n, s) => (n as Record<string, unknown>)?.[s as string], ctx.values.values) as Record<string, unknown>);
            const dotted = vp.join('.');
            if (block && 'digest' in block) {
              message += ` — set \`${dotted}.digest\` in ${ctx.values.file}`;
              // The line a human edits: the digest key when this environment's file has one, else the tag it pins.
              const digestAt = ctx.values.locate([...vp, 'digest']);
              const tagAt = ctx.values.locate([...vp, 'tag']);
              location = digestAt?.path === ctx.values.file || tagAt?.path !== ctx.values.file ? digestAt ?? tagAt : tagAt;
            } else {
              message += ` — the chart's values (\`${dotted}\`) have no \`digest\` field; add one and render repository@digest`;
              location = ctx.values.locate([...vp, 'tag']);
            }
          }
        }
        // A reference composed of several values (registry, name, tag) points at the one supplying the tag.
        location ??= target.locate(path, mutablePart(image));
        ctx.report({ target, path, message, severity, location, key: String(c.container.name ?? c.index) });
      }
    }
  },
});
