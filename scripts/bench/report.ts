/** Renders benchmark results as the Markdown page and the SVG chart in docs/. */

type Figures = Record<string, number>;

export interface Results {
  readonly date: string;
  readonly machine: string;
  /** The machine's 1-minute load average when the run started and ended (absent in older results). */
  readonly load?: readonly [number, number];
  readonly runs: number;
  readonly floorMs: number;
  readonly appCommand: string;
  readonly appMs: number;
  readonly tsxMs: number;
  readonly cdktfSynthMs: number;
  readonly defaultDeep: Figures;
  readonly defaultRoot: Figures;
  readonly rootRatio: number;
  readonly scale: ReadonlyArray<Figures & { jobs: number }>;
  readonly perJobDefinitionMs: number;
  readonly doctor: Figures;
  /** The doctor command on one file, each way it can be started (absent in figures from before it was measured). */
  readonly doctorCli?: {
    readonly json: DoctorWays;
    readonly hcl: DoctorWays;
    readonly floorMs: number;
  };
  /** When the doctor's figures were measured (`--only doctor` measures them alone). */
  readonly doctorDate?: string;
  /** The Step 11 case: scaledWorkloadConfig(jobs). */
  readonly workloads: Figures & { jobs: number };
  readonly terraform: ReadonlyArray<{ label: string; resources: number; validateMs: number; planMs: number }>;
}

export interface DoctorWays {
  readonly tsxMs: number;
  readonly bundleMs: number;
  readonly npmMs: number;
}

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

function doctorSection(r: Results): string[] {
  const largest = r.scale[r.scale.length - 1]!;
  const when = r.doctorDate && r.doctorDate !== r.date ? ` (measured ${r.doctorDate}, by \`npm run bench -- --only doctor\`)` : '';
  const lines = [
    '## The doctor',
    '',
    `In process, on the ${largest.jobs}-job-definition stack${when}, median of ${r.runs} fresh processes:`,
    '',
    `- cold (its first run in a process, what one \`npm run doctor\` pays): ${r.doctor.doctorMs} ms (target < 100 ms: ${verdict(r.doctor.doctorMs! < 100)})`,
    ...(r.doctor.doctorWarmMs === undefined ? [] : [`- warm (the median of the next 5 runs in that process): ${r.doctor.doctorWarmMs} ms (target < 100 ms: ${verdict(r.doctor.doctorWarmMs < 100)})`]),
    '',
  ];
  const cli = r.doctorCli;
  if (!cli) return lines;
  const row = (label: string, w: DoctorWays) =>
    `| ${label} | ${w.tsxMs} ms | ${w.bundleMs} ms | ${w.npmMs} ms | < 600 ms: ${verdict(w.npmMs < 600)} (bundle ${verdict(w.bundleMs < 600)}) |`;
  return [
    ...lines,
    `The command on one file, wall time (node alone: ${cli.floorMs} ms). \`tsx\` is \`node --import tsx src/cli/doctor.ts\` (how it ran before); the bundle is \`node scripts/cli.mjs doctor\`, which \`npm run doctor\` runs.`,
    '',
    '| file | tsx | bundle | `npm run doctor` | target |',
    '|---|---|---|---|---|',
    row('a synthesized stack, `cdk.tf.json` (the default environment)', cli.json),
    row('HCL, `__tests__/fixtures/tutorial-hcl/main.tf` (through hcl2json)', cli.hcl),
    '',
  ];
}

export function renderMarkdown(r: Results): string {
  const largest = r.scale[r.scale.length - 1]!;
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${r.date}: ${r.machine}. Each figure is the median of ${r.runs} fresh processes`,
    '(Terraform figures: of up to 3 runs). Raw figures: [benchmarks.json](benchmarks.json).',
    ...(r.load ? ['', `Load average (1 minute) at the start and the end of the run: ${r.load[0]} and ${r.load[1]}, on ${r.machine.split(' ')[0]} cores: other work shared the machine, and every figure includes its share of waiting.`] : []),
    '',
    '## The app command',
    '',
    '| what | wall time | target |',
    '|---|---|---|',
    `| floor: \`node -e "require('cdktf')"\` | ${r.floorMs} ms | |`,
    `| app command \`${r.appCommand}\` (all stacks of main.ts, doctor included) | ${r.appMs} ms (${(r.appMs / r.floorMs).toFixed(2)}× floor) | < 400 ms: ${verdict(r.appMs < 400)}; ≤ 1.5× floor: ${verdict(r.appMs <= 1.5 * r.floorMs)} |`,
    `| the same through \`node --import tsx main.ts\` | ${r.tsxMs} ms | |`,
    `| \`npx cdktf synth\` (the CLI around the app command) | ${r.cdktfSynthMs} ms | the app command is the fast path: same cdktf.out, ${(r.cdktfSynthMs / r.appMs).toFixed(1)}× faster |`,
    '',
    '## Deep imports against the package root',
    '',
    'The default environment, built and written in a fresh process; "root" first loads `@cdktf/provider-aws` from its package root, as an app importing from the root would.',
    '',
    '| import | wall time | load | build + write | peak RSS |',
    '|---|---|---|---|---|',
    `| deep (\`@cdktf/provider-aws/lib/<resource>\`) | ${r.defaultDeep.wallMs} ms | ${r.defaultDeep.loadMs} ms | ${r.defaultDeep.synthMs} ms | ${r.defaultDeep.maxRssMiB} MiB |`,
    `| package root | ${r.defaultRoot.wallMs} ms | ${r.defaultRoot.loadMs} ms | ${r.defaultRoot.synthMs} ms | ${r.defaultRoot.maxRssMiB} MiB |`,
    '',
    `Deep / root wall time: ${r.rootRatio} (target ≤ 0.15: ${verdict(r.rootRatio <= 0.15)}).`,
    '',
    '## Growth with job definitions',
    '',
    'One queue per 10 job definitions, each with its own Spot compute environment and a shared on-demand fallback; every job definition also has its job role.',
    '',
    '![synth time against job definitions](bench-synth.svg)',
    '',
    '| job definitions | build + write | wall time | peak RSS |',
    '|---|---|---|---|',
    ...r.scale.map((s) => `| ${s.jobs} | ${s.synthMs} ms | ${s.wallMs} ms | ${s.maxRssMiB} MiB |`),
    '',
    `Cost per extra job definition: ${r.perJobDefinitionMs} ms. ${largest.jobs} job definitions: ${largest.wallMs} ms and ${largest.maxRssMiB} MiB (target < 2 s and < 300 MiB: ${verdict(largest.wallMs! < 2000 && largest.maxRssMiB! < 300)}).`,
    '',
    ...doctorSection(r),
    '## Job definitions with the Step 11 settings',
    '',
    `The same ${r.workloads.jobs} job definitions, each with two EFS volumes (access points of a file system the stack creates, IAM authorization) and a host volume, shared memory, a tmpfs, an init process, a user, two ulimits, two retry rules and a default parameter; every tenth a multi-node parallel job of two node ranges ([scaled-config.ts](../scripts/bench/scaled-config.ts)).`,
    '',
    '| job definitions | build + write | wall time | peak RSS |',
    '|---|---|---|---|',
    `| ${r.workloads.jobs} | ${r.workloads.synthMs} ms | ${r.workloads.wallMs} ms | ${r.workloads.maxRssMiB} MiB |`,
    '',
    `Target < 1.5 s and < 250 MiB: ${verdict(r.workloads.wallMs! < 1500 && r.workloads.maxRssMiB! < 250)}.`,
    '',
    '## Terraform (AWS provider 5.100.0, offline)',
    '',
    ...(r.terraform.length
      ? ['| stack | resources | `terraform validate` | `terraform plan -refresh=false` (with `show -json`) |', '|---|---|---|---|', ...r.terraform.map((t) => `| ${t.label} | ${t.resources} | ${t.validateMs} ms | ${t.planMs} ms |`)]
      : ['Skipped: no terraform or provider mirror on the machine.']),
    '',
  ];
  return lines.join('\n');
}

/** A small line chart of build + write time against job definitions. */
export function renderSvg(r: Results): string {
  const [w, h, left, bottom, top, right] = [560, 320, 60, 40, 20, 20];
  const maxX = Math.max(...r.scale.map((s) => s.jobs));
  const maxY = Math.max(...r.scale.map((s) => s.synthMs!)) * 1.1;
  const x = (v: number) => left + (v / maxX) * (w - left - right);
  const y = (v: number) => h - bottom - (v / maxY) * (h - top - bottom);
  const points = r.scale.map((s) => `${x(s.jobs).toFixed(1)},${y(s.synthMs!).toFixed(1)}`).join(' ');
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(maxY * f));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${w / 2}" y="14" text-anchor="middle">synth (build + write) time against job definitions, ${r.date}</text>`,
    `<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="black"/>`,
    ...yTicks.map((t) => `<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end">${t} ms</text><line x1="${left}" y1="${y(t)}" x2="${w - right}" y2="${y(t)}" stroke="#ddd"/>`),
    ...r.scale.map((s) => `<text x="${x(s.jobs)}" y="${h - bottom + 16}" text-anchor="middle">${s.jobs}</text>`),
    `<text x="${w / 2}" y="${h - 6}" text-anchor="middle">job definitions</text>`,
    `<polyline points="${points}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    ...r.scale.map((s) => `<circle cx="${x(s.jobs)}" cy="${y(s.synthMs!)}" r="3" fill="#1f77b4"/>`),
    '</svg>',
    '',
  ].join('\n');
}
