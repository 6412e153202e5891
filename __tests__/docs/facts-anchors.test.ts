/**
 * Code comments, doctor rules, scripts, tests and the README cite the facts
 * they rest on as `docs/aws-batch-facts.md#<anchor>`, and nothing else: a
 * reader of this repository can open that document, not notes kept outside
 * it ("BATCH-FACTS", "DESIGN", "issue 4"). These tests keep both promises.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const FACTS = 'docs/aws-batch-facts.md';
/** Where citations live. test-support/ appears in Step 9; a folder that does not exist is skipped. */
const SCANNED = ['src', 'scripts', 'test-support', '__tests__', 'README.md', 'main.ts'];
const TEXT_FILE = /\.(?:ts|mts|cts|js|mjs|cjs|md)$/;
/**
 * While this file exists, citations of notes outside the repository are
 * tolerated (Step 9 moves the code that still has them); removing it turns
 * the check on.
 */
const LEGACY_MARKER = 'docs/.legacy-citations';

/**
 * GitHub's anchor for a heading: lower case, everything but letters, digits,
 * spaces, hyphens and underscores dropped, spaces turned into hyphens.
 */
export function githubSlug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown document offers; a repeated heading gets `-1`, `-2`... as on GitHub. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker) {
      fence = fence === undefined ? marker : fence === marker ? undefined : fence;
      continue;
    }
    if (fence !== undefined) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function filesUnder(path: string): string[] {
  const absolute = join(ROOT, path);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return TEXT_FILE.test(path) ? [path] : [];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

interface Hit {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

function scan(pattern: RegExp, files: readonly string[]): Hit[] {
  return files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => [...line.matchAll(pattern)].map((m) => ({ file, line: i + 1, text: m[1] ?? m[0] }))),
  );
}

const THIS_FILE = relative(ROOT, new URL(import.meta.url).pathname);
const files = SCANNED.flatMap(filesUnder).filter((f) => f !== THIS_FILE);

describe('GitHub heading anchors', () => {
  it('are the heading in lower case, punctuation dropped, spaces as hyphens', () => {
    expect(githubSlug("Secret grants match the secret's own ARN")).toBe('secret-grants-match-the-secrets-own-arn');
    expect(githubSlug('Network paths to ECS, ECR and logs')).toBe('network-paths-to-ecs-ecr-and-logs');
    expect(githubSlug('Node.js versions')).toBe('nodejs-versions');
    expect(githubSlug('Fair share: share identifiers')).toBe('fair-share-share-identifiers');
    expect(githubSlug('The `desired_vcpus` attribute')).toBe('the-desired_vcpus-attribute');
  });

  it('number repeated headings and ignore headings inside code fences', () => {
    const anchors = headingAnchors(['# Tags', '## Tags', '```sh', '# not a heading', '```', '### Job queues'].join('\n'));
    expect([...anchors]).toEqual(['tags', 'tags-1', 'job-queues']);
  });
});

describe(`citations of ${FACTS}`, () => {
  const anchors = headingAnchors(readFileSync(join(ROOT, FACTS), 'utf8'));
  const citations = scan(/aws-batch-facts\.md#([\w-]+)/g, files);

  it('are found where they are expected (the scan itself works)', () => {
    expect(files).toContain('README.md');
    expect(citations.length).toBeGreaterThan(20);
  });

  it('each name a section the document has', () => {
    const broken = citations.filter((c) => !anchors.has(c.text)).map((c) => `${c.file}:${c.line} #${c.text}`);
    expect(broken, `no heading in ${FACTS} has these anchors`).toEqual([]);
  });
});

describe('citations of notes outside the repository', () => {
  it.skipIf(existsSync(join(ROOT, LEGACY_MARKER)))(
    `are gone: nothing cites "BATCH-FACTS", "DESIGN" or an issue number; cite ${FACTS}#<anchor> instead`,
    () => {
      const legacy = scan(/(BATCH-FACTS|\bDESIGN\b|\b[Ii]ssue \d+\b)/g, files).map((h) => `${h.file}:${h.line} ${h.text}`);
      expect(legacy).toEqual([]);
    },
  );
});
