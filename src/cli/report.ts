import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../engine/errors.ts';
import { parse } from './args.ts';

const require = createRequire(import.meta.url);

export const help = `grokcheck report: build the Allure report from the last verification and serve it.

  --no-serve              build only (reports/allure/awesome/index.html, and one file:
                          reports/allure/single/index.html)
  --results DIR           the Allure results to read                 [reports/allure-results]
  --output DIR            where to write the report                  [reports/allure]
  -h, --help              this help`;

/**
 * `grokcheck report [--no-serve] [--results DIR] [--output DIR]`: builds the Allure report (an HTML site and
 * a single-file HTML) from the last test run's results with the `allure` 3 generator, then serves it.
 */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { 'no-serve': { type: 'boolean' }, results: { type: 'string' }, output: { type: 'string' } });
  const results = resolve(values.results ?? join('reports', 'allure-results'));
  const output = resolve(values.output ?? join('reports', 'allure'));
  if (!existsSync(results)) throw new ConfigError('--results', results, 'does not exist yet: run `npm test` first');
  const cli = join(dirname(require.resolve('allure')), '..', 'cli.js'); // the package exports no ./package.json
  execFileSync(process.execPath, [cli, 'generate', results, '--config', join(process.cwd(), 'allurerc.mjs'), '--output', output], { stdio: 'inherit' });
  console.log(`report: ${join(output, 'awesome', 'index.html')} (one file: ${join(output, 'single', 'index.html')})`);
  if (values['no-serve']) return 0;
  const child = spawn(process.execPath, [cli, 'open', join(output, 'awesome')], { stdio: 'inherit' });
  await new Promise((r) => child.on('exit', r));
  return 0;
}
