/**
 * README sections generated from the code, so they cannot drift: each lives
 * between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` markers.
 * `npm run docs` rewrites them; a test fails when one is stale.
 */
import { rulesMarkdown, securityMarkdown } from '../doctor/index';
import { configReferenceMarkdown } from '../config/reference';

export const SECTIONS: Record<string, () => string> = {
  'doctor-rules': rulesMarkdown,
  'security-invariants': securityMarkdown,
  'config-reference': configReferenceMarkdown,
};

/** The document with every generated section replaced by its current text. */
export function regenerate(document: string, sections: Record<string, () => string> = SECTIONS): string {
  let out = document;
  for (const [name, render] of Object.entries(sections)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${start} ... ${end} section`);
    out = `${out.slice(0, from + start.length)}\n${render().trimEnd()}\n${out.slice(to)}`;
  }
  return out;
}
