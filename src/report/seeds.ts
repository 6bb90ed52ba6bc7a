import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file), so the seed folder resolves wherever the command runs. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The seed documents live beside the checkout, in ../shared/seeds. */
export const SEEDS_DIR = join(dirname(ROOT), 'shared', 'seeds');

const cache = new Map<string, string>();

/**
 * A seed document's title for the report's epic, read from the document itself: its front matter's `title`
 * (with its `arxiv_id`), else its first `# ` heading, else its first non-empty line; the file name when the
 * file is missing. The file name is kept in brackets so the epic still names the document.
 */
export function seedTitle(file: string, dir = SEEDS_DIR): string {
  const path = join(dir, basename(file));
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  let title = file;
  try {
    const found = titleOf(readFileSync(path, 'utf8'));
    if (found) title = `${found} (${file})`;
  } catch { /* no seed folder beside this checkout: the file name alone */ }
  cache.set(path, title);
  return title;
}

/** The title of a document's text (exported for tests); null when it has none. */
export function titleOf(text: string): string | null {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() === '---') {
    const end = lines.indexOf('---', 1);
    const front = lines.slice(1, end < 0 ? undefined : end);
    const field = (k: string) => front.find((l) => l.startsWith(`${k}:`))?.slice(k.length + 1).trim().replace(/^(['"])(.*)\1$/, '$2');
    const t = field('title'), arxiv = field('arxiv_id');
    if (t) return readable(repairMojibake(arxiv ? `${t}, arXiv ${arxiv}` : t));
  }
  const heading = lines.find((l) => /^#\s+\S/.test(l));
  const first = heading?.replace(/^#\s+/, '') ?? lines.find((l) => l.trim())?.trim();
  return first ? readable(repairMojibake(first.trim())) : null;
}

const GARBLED = /[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]/;

/** A title still garbled after repair (bytes were lost on the way) keeps its readable words and marks the cut. */
function readable(s: string): string {
  const at = s.search(GARBLED);
  return at < 0 ? s : `${s.slice(0, at).trimEnd()} …`;
}

// Windows-1252's printable characters in 0x80–0x9f (the rest of the byte range is Latin-1 itself).
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Text that was UTF-8 but decoded as Windows-1252 ("ä¸Ž…" for "与…", as in one seed document): encodes it back
 * to those bytes and decodes them as UTF-8. Unchanged when a character has no such byte or the bytes are not UTF-8.
 */
export function repairMojibake(s: string): string {
  if (!GARBLED.test(s)) return s;
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const hi = CP1252.indexOf(ch);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) bytes.push(c);
    else if (hi >= 0) bytes.push(0x80 + hi);
    else return s;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return s;
  }
}
