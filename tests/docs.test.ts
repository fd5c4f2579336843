// The README stays true: every REST route of the contract and every configuration variable is documented.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations } from '../src/shared/contract';

const root = path.resolve(import.meta.dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const envExample = readFileSync(path.join(root, '.env.example'), 'utf8');

describe('README', () => {
  it.each(Object.entries(operations))('documents %s with its route', (name, def) => {
    expect(readme).toContain(`\`${def.method} ${def.path}\` | \`${name}\``);
  });

  it('documents every variable of .env.example', () => {
    const variables = [...envExample.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]!);
    expect(variables.length).toBeGreaterThan(5);
    for (const variable of variables) expect(readme).toContain(`\`${variable}\``);
  });

  it('gives the two commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
