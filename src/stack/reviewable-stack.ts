/**
 * The base of this project's stacks: what `cdktf synth` writes for a stack.
 *
 * - `cdktf synth --hcl` gets HCL rendered from the stack's Terraform JSON
 *   (src/hcl/render.ts) instead of cdktf's own rendering, which breaks every
 *   string holding both a reference and a quote.
 * - A synth in one format removes the other format's file from the stack's
 *   folder. cdktf leaves it there, and Terraform loads every `*.tf` and
 *   `*.tf.json` of a folder: after `--hcl` and then a plain synth, `cdk.tf`
 *   and `cdk.tf.json` both declare every resource, and `cdktf diff`,
 *   `cdktf deploy` or `terraform plan` fail on the duplicates
 *   (docs/aws-batch-facts.md#cdktf-hcl-output).
 * - Literal text is escaped where Terraform would read a template
 *   (`${`, `%{`), in both formats (src/stack/literal-strings.ts).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Construct } from 'constructs';
import {
  DefaultTokenResolver,
  Manifest,
  StringConcat,
  TerraformElement,
  TerraformStack,
  Tokenization,
  type IStackSynthesizer,
  type ISynthesisSession,
} from 'cdktf';
import { renderHcl, type BlockPaths } from '../hcl/render';
import { withLiteralStrings } from './literal-strings';

/** The files each output format writes into a stack's folder (cdktf's Manifest names them). */
const FORMAT_FILES = { json: ['cdk.tf.json'], hcl: ['cdk.tf', Manifest.stackMetadataPath] } as const;

export class ReviewableStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.synthesizer = new OneFormatSynthesizer(this, this.synthesizer);
  }

  /** Terraform JSON, with every literal `${` and `%{` escaped so Terraform reads it back as written. */
  override toTerraform(): any {
    return withLiteralStrings(this, () => super.toTerraform());
  }

  /** HCL of exactly what `toTerraform()` holds; the metadata as cdktf writes it (the CLI reads it). */
  override toHclTerraform(): { hcl: string; metadata: Record<string, unknown> } {
    const { metadata } = super.toHclTerraform() as { metadata: Record<string, unknown> };
    return { hcl: renderHcl(this.toTerraform() as Record<string, unknown>, blockPaths(this)), metadata };
  }
}

/**
 * cdktf's own synthesizer, then the files of the format the manifest did not
 * name removed (the manifest names the file cdktf just wrote).
 */
class OneFormatSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly cdktf: IStackSynthesizer,
  ) {}

  synthesize(session: ISynthesisSession): void {
    this.cdktf.synthesize(session);
    const folder = join(session.outdir, session.manifest.forStack(this.stack).workingDirectory);
    for (const file of FORMAT_FILES[session.manifest.hclOutput ? 'json' : 'hcl']) rmSync(join(folder, file), { force: true });
  }
}

/**
 * Which attributes of each resource, data source and provider are nested
 * blocks: the provider bindings record it (`isBlock`) in the form cdktf
 * renders HCL from; Terraform JSON alone cannot tell.
 */
function blockPaths(stack: TerraformStack): BlockPaths {
  const paths = new Set<string>();
  const resolver = new DefaultTokenResolver(new StringConcat());
  const elements = stack.node.findAll().filter((c): c is TerraformElement => TerraformElement.isTerraformElement(c) && TerraformStack.of(c) === stack);
  for (const element of elements) {
    const fragment = Tokenization.resolve(element.toHclTerraform(), { scope: stack, preparing: false, resolver }) as Record<string, unknown>;
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of entries(fragment[kind])) {
        for (const [name, attributes] of entries(byName)) collect(`${kind}.${type}.${name}`, attributes, paths);
      }
    }
    for (const [name, configs] of entries(fragment.provider)) {
      for (const config of Array.isArray(configs) ? configs : [configs]) collect(`provider.${name}`, config, paths);
    }
  }
  return paths;
}

/** Walks `{ value, isBlock, ... }` attribute records (`is_block` in provider blocks), recording the blocks. */
function collect(path: string, attributes: unknown, paths: Set<string>): void {
  for (const [key, attribute] of entries(attributes)) {
    if (!isRecord(attribute) || !('value' in attribute) || !(attribute.isBlock === true || attribute.is_block === true)) continue;
    paths.add(`${path}.${key}`);
    const items = Array.isArray(attribute.value) ? attribute.value : [attribute.value];
    for (const item of items) collect(`${path}.${key}`, item, paths);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const entries = (value: unknown): [string, unknown][] => (isRecord(value) ? Object.entries(value) : []);
