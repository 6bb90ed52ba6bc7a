// A pool thread (src/runs/pool.ts): registers tsx's loader for the TypeScript sources, then serves training jobs.
import { register } from 'tsx/esm/api';

register();
await import('./_thread.ts');
