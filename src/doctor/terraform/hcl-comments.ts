/**
 * The `"//"` metadata of a resource, back from its HCL. This project's HCL
 * output (src/hcl/render.ts) writes each `"//"` entry of a resource other
 * than cdktf's `metadata` as a comment line right after the block opens,
 * `# queue: aws_batch_job_queue.main`; hcl2json drops comments, so without
 * this the doctor would read a job definition's queue hint from
 * `cdk.tf.json` but not from `cdk.tf`, and judge the two differently.
 */
import type { TerraformJson } from './terraform-json';

const BLOCK = /^resource\s+"([^"]+)"\s+"([^"]+)"\s*\{\s*$/;
const COMMENT = /^\s*#\s*([A-Za-z][A-Za-z0-9_-]*):\s*(\S.*?)\s*$/;

/** `parsed` (hcl2json's output of `text`) with each resource's leading `# key: value` comments as its `"//"` entries. */
export function withCommentMetadata(text: string, parsed: TerraformJson): TerraformJson {
  const lines = text.split('\n');
  const resources = (parsed as { resource?: Record<string, Record<string, unknown>> }).resource;
  if (!resources) return parsed;
  for (let i = 0; i < lines.length; i++) {
    const block = BLOCK.exec(lines[i]!.trim());
    if (!block) continue;
    const entries: Record<string, unknown> = {};
    for (let j = i + 1; j < lines.length; j++) {
      const comment = COMMENT.exec(lines[j]!);
      if (!comment) break;
      entries[comment[1]!] = value(comment[2]!);
    }
    // hcl2json writes each resource as a one-element array of its body.
    const byName = resources[block[1]!]?.[block[2]!];
    const body = Array.isArray(byName) ? byName[0] : byName;
    if (Object.keys(entries).length === 0 || !body || typeof body !== 'object' || '//' in body) continue;
    (body as Record<string, unknown>)['//'] = entries;
  }
  return parsed;
}

/** The renderer writes strings as they are and anything else as JSON. */
function value(text: string): unknown {
  if (!/^[[{]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
