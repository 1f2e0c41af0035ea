// Jest 30 on Node 24. ESM-only dependencies (NestJS 12, MikroORM 7) load through require(esm),
// which jest supports only with --experimental-vm-modules (the npm scripts pass it).
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@app/([a-z-]+)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
  ],
  // Process-level specs start real servers (PGlite's first start alone takes ~3 s).
  testTimeout: 60_000,
  // Run specs in a worker that is replaced once it holds more than this after a file: modules
  // loaded under --experimental-vm-modules are never freed, and one process running every spec
  // in turn ran out of its 4 GB heap at ~850 s.
  workerIdleMemoryLimit: '1536MB',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
