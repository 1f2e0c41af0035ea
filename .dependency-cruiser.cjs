/**
 * The import rules of docs/architecture.md, enforced by `npm run arch` (part of `npm test`).
 * Imports go one way: platform ← accounts ← mentorship ← tasks; notifications and audit may use the
 * events of any feature and nothing depends on them (nor on operations, the admins' view of jobs); apps compose libs and nothing imports apps.
 * A lib is used through its src/index.ts only.
 */
const LIBS = ['platform', 'accounts', 'mentorship', 'tasks', 'notifications', 'audit', 'operations', 'chat', 'moderation'];

/** Which libs each lib may import (besides itself). */
const ALLOWED = {
  platform: [],
  accounts: ['platform'],
  mentorship: ['platform', 'accounts'],
  tasks: ['platform', 'accounts', 'mentorship'],
  notifications: ['platform', 'accounts', 'mentorship', 'tasks', 'chat', 'moderation'],
  audit: ['platform', 'accounts', 'mentorship', 'tasks', 'moderation'],
  operations: ['platform', 'accounts'],
  chat: ['platform', 'accounts', 'mentorship'],
  moderation: ['platform', 'accounts', 'mentorship', 'tasks', 'chat'],
};

const layerRules = LIBS.map((lib) => {
  const forbidden = LIBS.filter((other) => other !== lib && !ALLOWED[lib].includes(other));
  return {
    name: `${lib}-imports-only-${ALLOWED[lib].join('-') || 'nothing'}`,
    comment: `libs/${lib} may import ${ALLOWED[lib].join(', ') || 'no other lib'} (docs/architecture.md)`,
    severity: 'error',
    from: { path: `^libs/${lib}/` },
    to: { path: forbidden.length ? `^libs/(${forbidden.join('|')})/` : '^$' },
  };
}).filter((rule) => rule.to.path !== '^$');

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-lib-internals',
      comment: "Use another lib through its src/index.ts (import from '@app/<lib>'), never its internals",
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: {
        path: '^libs/([^/]+)/src/.+',
        pathNot: ['^libs/([^/]+)/src/index\\.ts$', '^libs/$2/'],
      },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-are-independent',
      comment: 'An entry point never imports another entry point',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '(^test/|\\.spec\\.ts$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|node_modules)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
