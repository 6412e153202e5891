/** checks/tags.ts: what AWS refuses in tags, counted with the ones the stack adds. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/index';
import { OWN_TAG_KEYS, STACK_TAG_KEYS } from '../../../src/config/checks/tags';
import { EXAMPLES, baseConfig, loadExample, synth } from '../../support/synth';
import { problemsOf } from './problems';

describe('tag keys that differ only in case', () => {
  it('are refused for tags: IAM roles carry every tag, and IAM tag keys ignore case', () => {
    expect(problemsOf(baseConfig({ tags: { Team: 'a', team: 'b' } }))).toEqual([expect.objectContaining({ path: 'tags.team', message: expect.stringContaining('differs from "Team" only in case') })]);
    expect(problemsOf(baseConfig({ tags: { environment: 'production' } }))).toEqual([
      expect.objectContaining({ path: 'tags.environment', message: expect.stringContaining('differs from "Environment", which the stack sets on every resource, only in case') }),
    ]);
  });
});

describe('tags, counted with the ones the stack adds', () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`tag${i}`, 'x']));

  it(`accepts ${50 - STACK_TAG_KEYS.length - OWN_TAG_KEYS.length} of your own: with ${[...STACK_TAG_KEYS, ...OWN_TAG_KEYS].join(', ')} that makes 50`, () => {
    expect(() => parseConfig(baseConfig({ tags: tags(47) }))).not.toThrow();
  });

  it('refuses one more: a resource would carry 51 tags, and AWS allows 50', () => {
    expect(problemsOf(baseConfig({ tags: tags(48) }))).toEqual([
      { path: 'tags', message: 'has 48 tags; with Environment, ManagedBy, Name, which the stack adds, a resource would carry 51, and AWS allows 50 per resource', fix: 'remove at least 1 of them' },
    ]);
  });

  it.each([
    ['aws:team', 'x', 'key "aws:team" starts with "aws:", which AWS reserves for its own tags'],
    ['AWS:Team', 'x', 'key "AWS:Team" starts with "aws:", which AWS reserves for its own tags'],
    ['Team', 'aws:batch', 'value "aws:batch" starts with "aws:", which AWS reserves for its own tags'],
    ['CostCenter', 'R&D', `value "R&D" has characters IAM refuses in tags (the stack's IAM roles carry every tag)`],
    ['Environment', 'production', 'the stack sets "Environment" on every resource itself, so "production" would be replaced without a word'],
  ])('refuses %s = %s', (key, value, message) => {
    expect(problemsOf(baseConfig({ tags: { [key]: value } }))).toEqual([expect.objectContaining({ path: `tags.${key}`, message })]);
  });

  it('knows every tag key the stacks add (default tags and resources\' own tags)', () => {
    for (const name of Object.keys(EXAMPLES)) {
      const config = loadExample(name);
      const s = synth({ ...config, tags: { Owner: 'me' } }, 'dev');
      const defaults = s.provider.aws![0].default_tags[0].tags as Record<string, string>;
      expect(Object.keys(defaults).sort(), name).toEqual(['Owner', ...STACK_TAG_KEYS].sort());
      for (const [type, byName] of Object.entries(s.resource)) {
        for (const [resource, body] of Object.entries(byName)) {
          for (const key of Object.keys(body.tags ?? {})) expect(OWN_TAG_KEYS, `${type}.${resource} in ${name}`).toContain(key);
        }
      }
    }
  });
});
