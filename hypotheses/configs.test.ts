import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';

/**
 * The run store keys a training run by its resolved config and by the engine's sources less the config schema
 * (src/runs/version.ts): that is sound only if the schema acts on a run through the resolved config alone, i.e.
 * resolving a resolved config (as train() and run() do) gives it back unchanged. Checked on every arm of every
 * regime of every hypothesis, at both scales, outside vitest (a hypothesis file imported under vitest registers its test).
 */
test('should give back every hypothesis arm\'s resolved config when it is resolved again', () => {
  const script = `
    import { readdirSync } from 'node:fs';
    import { isDeepStrictEqual } from 'node:util';
    import { defineClaim } from './src/claims/claim.ts';
    import { resolveConfig } from './src/train/config.ts';
    const bad = []; let n = 0;
    for (const f of readdirSync('hypotheses').filter((f) => f.endsWith('.spec.ts'))) {
      const declared = (await import('./hypotheses/' + f)).default;
      const c = declared.claim ?? declared;
      for (const scale of ['ci', 'full']) {
        let claim; try { claim = defineClaim(c.spec, scale); } catch { continue; }
        for (const r of [claim, ...claim.regimes]) for (const [arm, cfg] of Object.entries(r.configs)) {
          n++; if (!isDeepStrictEqual(resolveConfig(structuredClone(cfg)), cfg)) bad.push(c.id + ' ' + scale + ' ' + (r.regimeName ?? '') + ' / ' + arm);
        }
      }
    }
    console.log(JSON.stringify({ n, bad }));`;
  const env = { ...process.env };
  delete env.VITEST;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const { n, bad } = JSON.parse(out.trim().split('\n').pop()!) as { n: number; bad: string[] };
  expect(n).toBeGreaterThan(100);
  expect(bad).toEqual([]);
}, 60_000);
