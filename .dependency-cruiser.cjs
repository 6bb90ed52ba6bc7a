/**
 * The house's floors, ground first (STYLE.md, "Shape of the house"). A module may import its own floor and the
 * floors below it, never one above; and no import cycles anywhere. `npm test` runs this check
 * (src/layers.test.ts), so an upward import fails the suite with the edge that broke the rule.
 */
const LAYERS = [
  ['engine', 'stats'], // RNG, errors, .npy, kernels, settings; statistics (pure)
  ['physics'], // samplers and kernels over plain systems (no training, no networks)
  ['tasks'],
  ['models'],
  ['optim'],
  ['probes'],
  ['train'], // one run: task → model → optimizer → trajectory
  ['runs'], // run keys, the store, the executors (threads, queue), run(config, seed)
  ['claims'], // spec → claim → verdict: pure data
  ['report'], // Allure pages, claims.md, figures, checkpoints, verifyClaim
  ['cli'],
];
const dir = (d) => `^src/${d}/`;
const above = (i) => LAYERS.slice(i + 1).flat();

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'an import cycle', from: {}, to: { circular: true } },
    ...LAYERS.flatMap((floor, i) => (above(i).length === 0 ? [] : [{
      name: `no-upward-from-${floor.join('-')}`,
      severity: 'error',
      comment: `${floor.join('/')} may import only its own floor and those below: not ${above(i).join(', ')}`,
      from: { path: `(${floor.map(dir).join('|')})` },
      to: { path: `(${above(i).map(dir).join('|')})` },
    }])),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.test\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'] },
  },
};
