// ESLint flat config. One block per layer enforces the dependency matrix of HOUSE_STYLE §3:
// flat config does not merge a rule's options across blocks, so each block carries its full list.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['sim', 'scenario', 'state', 'graph', 'theme', 'ui', 'app', 'cli'];
const ALLOWED = {
  sim: [],
  scenario: ['sim'],
  state: ['sim', 'scenario'],
  graph: ['sim', 'theme'],
  theme: [],
  ui: ['sim', 'scenario', 'state', 'graph', 'theme'],
  app: LAYERS.filter((l) => l !== 'cli'),
  cli: ['sim', 'scenario'],
};
const EXTERNAL_BANS = {
  sim: [
    'react',
    'react-dom',
    'react-dom/*',
    'zustand',
    'zustand/*',
    'zundo',
    'cytoscape',
    'cytoscape-*',
    'node:*',
    'yaml',
    'lz-string',
    'zod',
  ],
  scenario: ['react', 'react-dom', 'zustand', 'zustand/*', 'cytoscape', 'cytoscape-*', 'node:*'],
  graph: ['react', 'react-dom', 'zustand', 'zustand/*'],
  state: ['cytoscape', 'cytoscape-*'],
  cli: ['react', 'react-dom', 'zustand', 'zustand/*', 'cytoscape', 'cytoscape-*'],
};

// One block per layer and folder depth, so a relative path that climbs out of the layer
// (`../state` from src/graph/x.ts, `../../sim` from src/ui/trace/x.tsx) is caught too.
const DEPTHS = [1, 2, 3, 4];
const filesAt = (layer, depth) =>
  depth === 4
    ? [`src/${layer}/*/*/*/**/*.{ts,tsx}`]
    : [`src/${layer}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`];

// The walk is loaded on demand (src/sim/tracing.ts): the layers the first screen is built from
// reach it through loadTracing()/loadedTracing(), never by a static import of its functions.
const LAZY_SIM = [
  'trace',
  'hostListeners',
  'nodeIptablesText',
  'nodeRuleset',
  'endpointChain',
  'serviceChains',
  'servicePortName',
  'formatRuleset',
  'parseRuleset',
  'runHook',
  'isServiceProxyKnown',
  'isServiceProxyLoaded',
  'loadServiceProxy',
  'registerServiceProxy',
  'serviceProxy',
  'serviceProxyEpoch',
  'serviceProxyFor',
];
const LAZY_LAYERS = ['state', 'graph', 'ui', 'app'];

const layerBlock = (layer, depth) => ({
  files: filesAt(layer, depth),
  rules: {
    'no-restricted-imports': [
      'error',
      {
        ...(LAZY_LAYERS.includes(layer)
          ? {
              paths: [
                {
                  name: '@/sim',
                  importNames: LAZY_SIM,
                  allowTypeImports: true,
                  message:
                    'The walk and the rule views load on demand: use loadTracing() / loadedTracing() from @/sim (src/sim/tracing.ts), so the first screen does not carry them.',
                },
              ],
            }
          : {}),
        patterns: [
          {
            group: LAYERS.filter((l) => l !== layer && !ALLOWED[layer].includes(l)).map(
              (l) => `@/${l}`,
            ),
            message: `src/${layer} may not import this layer (see the dependency matrix in HOUSE_STYLE §3).`,
          },
          {
            group: LAYERS.filter((l) => l !== layer).map((l) => `@/${l}/*`),
            message: 'Import the layer index (e.g. @/sim), not deep paths.',
          },
          {
            group: [`@/${layer}`, `@/${layer}/*`],
            message: 'Inside a layer, import modules relatively, never your own barrel.',
          },
          {
            group: LAYERS.filter((l) => l !== layer).flatMap((l) =>
              (depth === 4 ? [4, 5, 6] : [depth]).flatMap((d) => [
                `${'../'.repeat(d)}${l}`,
                `${'../'.repeat(d)}${l}/**`,
              ]),
            ),
            message:
              'Reach another layer through its index (@/sim, @/state, …), not a relative path.',
          },
          ...(EXTERNAL_BANS[layer]
            ? [{ group: EXTERNAL_BANS[layer], message: `src/${layer} must stay framework-free.` }]
            : []),
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'coverage',
      'bin',
      '.scratch-*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  ...LAYERS.flatMap((l) => DEPTHS.map((d) => layerBlock(l, d))),
  {
    files: ['src/sim/**/*.ts', 'src/scenario/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'Pure layer: must run in Node and in a Worker.' },
        { name: 'document', message: 'Pure layer: must run in Node and in a Worker.' },
        { name: 'location', message: 'URL handling lives in src/app.' },
        { name: 'localStorage', message: 'Persistence lives in src/app.' },
        { name: 'setTimeout', message: 'Pure layer is synchronous and deterministic.' },
        { name: 'setInterval', message: 'Pure layer is synchronous and deterministic.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Inject randomness (a seed) instead.' },
        { object: 'Date', property: 'now', message: 'Pass time in as an argument.' },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 600 }], 'max-lines-per-function': 'off' },
  },
);
