/**
 * npm run change-matrix: plans every edit in test-support/terraform/safe-changes.ts
 * against the deployed state with the real provider (offline) and writes
 * docs/change-matrix.md. The safe-changes test fails when the committed file
 * differs from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { renderChangeMatrix } from '../test-support/terraform/change-matrix.js';
import { planScenarios } from '../test-support/terraform/harness.js';
import { findTerraform } from '../test-support/terraform/run.js';
import { changeScenarios } from '../test-support/terraform/safe-changes.js';

const OUTPUT = new URL('../docs/change-matrix.md', import.meta.url);

const found = findTerraform();
if ('missing' in found) {
  process.stderr.write(`change-matrix needs terraform and the AWS provider mirror: ${found.missing}\n`);
  process.exit(1);
}

const scenarios = changeScenarios();
const run = await planScenarios(scenarios);
writeFileSync(OUTPUT, renderChangeMatrix(scenarios, run));
const { rounds, totalMs } = run.timings;
process.stdout.write(
  `wrote docs/change-matrix.md: ${scenarios.length} edits on ${run.bases.size} deployed configs, ` +
    `${rounds.length} rounds (${rounds.join(' + ')} ms), ${(totalMs / 1000).toFixed(1)} s in all, ` +
    `${Math.round(totalMs / scenarios.length)} ms per scenario\n`,
);
