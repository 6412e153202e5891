/** `npm run docs`: rewrites the generated sections of README.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import { regenerate } from '../src/docs/generated';

const file = new URL('../README.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = regenerate(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? 'README.md is up to date.\n' : 'README.md regenerated.\n');
