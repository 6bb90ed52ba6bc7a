import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** dependency-cruiser over `src` of `cwd` with the project's layer rules (.dependency-cruiser.cjs); the violations found. */
function violations(cwd: string): { rule: string; from: string; to: string }[] {
  const bin = join(process.cwd(), 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const out = execFileSync(process.execPath, [bin, 'src', '--config', join(cwd, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return (JSON.parse(out).summary.violations as { rule: { name: string }; from: string; to: string }[])
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the layers (.dependency-cruiser.cjs)', () => {
  test('should hold in src: no import cycles and no import from a higher floor', () => {
    expect(violations(process.cwd())).toEqual([]);
  }, 120_000);

  test('should catch an upward import and a cycle (the rules can fail)', () => {
    // Arrange: engine importing cli (upward), and two train modules importing each other
    const dir = mkdtempSync(join(tmpdir(), 'layers-'));
    copyFileSync('.dependency-cruiser.cjs', join(dir, '.dependency-cruiser.cjs'));
    copyFileSync('tsconfig.json', join(dir, 'tsconfig.json'));
    for (const d of ['engine', 'cli', 'train']) mkdirSync(join(dir, 'src', d), { recursive: true });
    writeFileSync(join(dir, 'src', 'cli', 'main.ts'), 'export const x = 1;\n');
    writeFileSync(join(dir, 'src', 'engine', 'rng.ts'), "import { x } from '../cli/main.ts';\nexport const y = x;\n");
    writeFileSync(join(dir, 'src', 'train', 'a.ts'), "import { b } from './b.ts';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'src', 'train', 'b.ts'), "import { a } from './a.ts';\nexport const b = () => a;\n");
    // Act
    const found = violations(dir);
    // Assert
    expect(found).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule: 'no-upward-from-engine-stats', from: 'src/engine/rng.ts', to: 'src/cli/main.ts' }),
      expect.objectContaining({ rule: 'no-circular', from: 'src/train/a.ts' }),
    ]));
  }, 120_000);
});
