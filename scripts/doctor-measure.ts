/**
 * `npm run doctor:measure`: how well the doctor does on the real-world
 * fixtures (__tests__/doctor/real-world/), each judged by hand in its
 * expected.json. Runs the real command on every fixture, as the fixture
 * test does, and prints per fixture and in total: true findings, false
 * findings (errors and warnings apart), missed problems, precision, recall,
 * checks reported as not judged, and unread modules.
 *
 *   npm run doctor:measure
 *   npm run doctor:measure -- --study [/work/notes/doctor-study]
 *
 * --study also re-runs the doctor on a study of public configurations kept
 * outside the repository (its runs/folders.txt lists the folders, src/ holds
 * their sources, tools/judgements.py the hand judgements) and compares the
 * findings with those judgements. Nothing is written anywhere.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { judge, loadFixtures, runDoctorCli, runFixture, type Judgement } from '../test-support/doctor/real-world';

const percent = (n: number, d: number): string => (d === 0 ? 'n/a' : `${Math.round((100 * n) / d)}%`);

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function fixturesReport(): { judged: Judgement[]; text: string } {
  const judged = loadFixtures().map((fixture) => judge(fixture, runFixture(fixture)));
  const lines = [
    '## Real-world fixtures',
    '',
    row(['fixture', 'expected', 'true', 'false errors', 'false warnings', 'missed', 'precision', 'recall', 'skipped checks (expected missing)', 'unread modules (expected)']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  const total = { expected: 0, tp: 0, fe: 0, fw: 0, missed: 0, skipped: 0, skipsMissing: 0 };
  for (const j of judged) {
    const expected = new Set(j.fixture.expected.findings.map((f) => `${f.severity} ${f.rule} ${f.address}`)).size;
    const fp = j.falseErrors.length + j.falseWarnings.length;
    total.expected += expected;
    total.tp += j.truePositives.length;
    total.fe += j.falseErrors.length;
    total.fw += j.falseWarnings.length;
    total.missed += j.missed.length;
    total.skipped += j.run.skipped.length;
    total.skipsMissing += j.skipsMissing.length;
    lines.push(
      row([
        j.fixture.name,
        expected,
        j.truePositives.length,
        j.falseErrors.length,
        j.falseWarnings.length,
        j.missed.length,
        percent(j.truePositives.length, j.truePositives.length + fp),
        percent(j.truePositives.length, j.truePositives.length + j.missed.length),
        `${j.run.skipped.length} (${j.skipsMissing.length})`,
        `${j.unreadReported.join(', ') || '-'} (${j.unreadExpected.join(', ') || '-'})`,
      ]),
    );
  }
  const fp = total.fe + total.fw;
  lines.push(
    row([
      `**total** (${judged.length} fixtures)`,
      total.expected,
      total.tp,
      total.fe,
      total.fw,
      total.missed,
      `**${percent(total.tp, total.tp + fp)}**`,
      `**${percent(total.tp, total.tp + total.missed)}**`,
      `${total.skipped} (${total.skipsMissing})`,
      '',
    ]),
    '',
  );
  const details = judged.flatMap((j) => [
    ...j.falseErrors.map((k) => `- ${j.fixture.name}: false error ${k}`),
    ...j.falseWarnings.map((k) => `- ${j.fixture.name}: false warning ${k}`),
    ...j.missed.map((k) => `- ${j.fixture.name}: missed ${k}`),
    ...j.skipsMissing.map((k) => `- ${j.fixture.name}: not listed as unjudged: ${k}`),
    ...(j.unreadReported.join() !== j.unreadExpected.join() ? [`- ${j.fixture.name}: unread modules ${j.unreadReported.join(', ') || 'none'}, expected ${j.unreadExpected.join(', ') || 'none'}`] : []),
    ...(j.stderrUnexpected ? [`- ${j.fixture.name}: the doctor printed ${JSON.stringify(j.stderrUnexpected.trim())}`] : []),
    ...(j.run.status !== j.statusExpected ? [`- ${j.fixture.name}: exit ${j.run.status}, expected ${j.statusExpected}`] : []),
  ]);
  if (details.length > 0) lines.push('Differences:', '', ...details, '');
  return { judged, text: lines.join('\n') };
}

interface StudyConfig {
  readonly id: string;
  readonly findings: ReadonlyArray<[run: string, rule: string, address: string, n: number, verdict: 'TP' | 'FP']>;
  readonly missed: number;
}

/** The study's hand judgements, read from its tools/judgements.py (Python data) through python3. */
function studyJudgements(dir: string): StudyConfig[] {
  const script = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(join(dir, 'tools'))})`,
    'import judgements as j',
    "print(json.dumps([{'id': c['id'], 'findings': [[k[0], k[1], k[2], k[3], v[0]] for k, v in c['findings'].items()], 'missed': len(c['missed'])} for c in j.CONFIGS]))",
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as StudyConfig[];
}

function studyReport(dir: string): string {
  const folders = readFileSync(join(dir, 'runs', 'folders.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const configs = new Map(studyJudgements(dir).map((c) => [c.id, c]));
  const lines = [
    `## Study re-run (${dir})`,
    '',
    'Each folder as the study ran it; findings compared with its hand judgements by (folder, rule, address). "new" findings were not judged: new rules, or addresses inside modules the doctor now follows.',
    '',
    row(['folder', 'findings', 'judged true', 'judged false (errors / warnings)', 'new (not judged)', 'skipped checks', 'unread modules']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const total = { findings: 0, tp: 0, fe: 0, fw: 0, fresh: 0, skipped: 0, unread: 0 };
  const fresh: string[] = [];
  for (const folder of folders) {
    const [id, ...rest] = folder.split('/');
    const run = rest.length > 0 ? rest.join('/') : '.';
    const config = configs.get(id!);
    const result = runDoctorCli(join(dir, 'src', folder), '.');
    const seen = new Map<string, number>();
    let tp = 0;
    let fe = 0;
    let fw = 0;
    let news = 0;
    for (const f of result.findings) {
      const pair = `${f.rule} ${f.address}`;
      const n = seen.get(pair) ?? 0;
      seen.set(pair, n + 1);
      const verdict = config?.findings.find(([r, rule, address, k]) => r === run && rule === f.rule && address === f.address && k === n)?.[4];
      if (verdict === 'TP') tp++;
      else if (verdict === 'FP') f.severity === 'error' ? fe++ : fw++;
      else {
        news++;
        fresh.push(`- ${folder}: ${f.severity} ${f.rule} ${f.address}`);
      }
    }
    const unread = result.modules.filter((m) => m.read === false).length;
    total.findings += result.findings.length;
    total.tp += tp;
    total.fe += fe;
    total.fw += fw;
    total.fresh += news;
    total.skipped += result.skipped.length;
    total.unread += unread;
    lines.push(row([folder, result.findings.length, tp, `${fe} / ${fw}`, news, result.skipped.length, unread]));
  }
  lines.push(row(['**total**', total.findings, total.tp, `${total.fe} / ${total.fw}`, total.fresh, total.skipped, total.unread]), '');
  const missed = [...configs.values()].reduce((n, c) => n + c.missed, 0);
  lines.push(`The study lists ${missed} problems the doctor of its day missed; whether a new finding is one of them is judged by hand (the "new" list below).`, '');
  if (fresh.length > 0) lines.push('New findings, to judge:', '', ...fresh, '');
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const at = argv.indexOf('--study');
  const study = at < 0 ? undefined : argv[at + 1] && !argv[at + 1]!.startsWith('-') ? argv[at + 1]! : '/work/notes/doctor-study';
  const { judged, text } = fixturesReport();
  process.stdout.write(`# How well the doctor does\n\n${text}\n`);
  if (study !== undefined) {
    if (!existsSync(join(study, 'runs', 'folders.txt'))) {
      process.stderr.write(`doctor-measure: no study at ${study} (expected runs/folders.txt, src/ and tools/judgements.py)\n`);
      return 2;
    }
    process.stdout.write(`${studyReport(study)}\n`);
  }
  return judged.length > 0 ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));
