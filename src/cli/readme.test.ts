import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { settings } from '../engine/settings.ts';

const root = process.cwd();
const bin = join(root, 'bin', 'grokcheck.mjs');

/** The README's "Add a hypothesis" example, exactly as printed there. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Add a hypothesis'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README.md: no ```ts block under "## Add a hypothesis"');
  return m[1];
}

describe("the README's hypothesis example", () => {
  test('should run as written: verify says it is unrecorded, record writes the verdict, verify then passes', () => {
    // Arrange: a project folder with only the example in hypotheses/, importing this checkout's grokcheck; its
    // runs go to this checkout's run store, so a second `npm test` finds them there
    const dir = mkdtempSync(join(tmpdir(), 'readme-example-'));
    mkdirSync(join(dir, 'hypotheses'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const file = join(dir, 'hypotheses', 'X1-weight-decay.spec.ts');
    writeFileSync(file, readmeExample().replace("'../src/index.ts'", `'${pathToFileURL(join(root, 'src', 'index.ts')).href}'`));
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST'))), GROKCHECK_STORE: resolve(settings().store) };
    const grokcheck = (...args: string[]) => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
      } catch (e) {
        const err = e as { status: number; stdout: string; stderr: string };
        return { code: err.status, out: `${err.stdout}${err.stderr}` };
      }
    };

    // Act
    const first = grokcheck('verify', 'X1');
    const recorded = grokcheck('record', 'X1');
    const again = grokcheck('verify', 'X1');

    // Assert
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/X1 has no recorded verdict yet\. The evidence says (SUPPORTED|REFUTED|INCONCLUSIVE)/);
    expect(recorded.code, recorded.out).toBe(0);
    const status = /recorded: '(supported|refuted|inconclusive)'/.exec(readFileSync(file, 'utf8'))?.[1];
    expect(status).toBeDefined();
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain(`X1 stronger weight decay groks sooner: ${status!.toUpperCase()}`);
  }, 600_000);
});
