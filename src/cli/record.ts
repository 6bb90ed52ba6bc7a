import { claimProgress, loadClaims } from './verify.ts';
import { ConfigError } from '../engine/errors.ts';
import { tableRow } from '../report/table.ts';
import { verifyClaim } from '../report/verifyClaim.ts';

export const help = `grokcheck record ID... [flags]: verify the given claims and record each measured verdict in its file.

The one documented way to change a claim's recorded verdict (vitest -u does the same). Record a change only
after saying in the file's \`deviations\` what changed in the protocol or the engine, and why. Takes the same
flags as \`grokcheck verify\` (--seeds, --queue, --threads); never records at --scale full.`;

/** `grokcheck record ID...`: verifyClaim with update, for the named claims only. */
export async function recordCommand(argv: string[]): Promise<number> {
  if (!argv.some((a) => !a.startsWith('-'))) throw new ConfigError('claim ids', undefined, 'name the claims to record, e.g. grokcheck record D1 S3');
  if (argv.includes('--scale') && argv[argv.indexOf('--scale') + 1] === 'full') throw new ConfigError('--scale', 'full', 'recorded verdicts belong to the CI scale: record without --scale full');
  const { claims, executor } = await loadClaims(argv);
  for (const { claim, file } of claims) {
    if (!file) throw new ConfigError(`${claim.id}: file`, null, 'could not be found, so its verdict cannot be recorded');
    const progress = claimProgress(claim.id);
    const r = await verifyClaim(claim, { sinks: [tableRow], file, update: true, onProgress: progress.update, executor });
    progress.end();
    console.log(r.message);
    if (r.status === 'failed') return 1;
  }
  return 0;
}
