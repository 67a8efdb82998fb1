// The layering in docs/ARCHITECTURE.md, checked by `npm run lint:deps` in CI: a pure domain core,
// repositories without rules, presenters that shape data they are given, and one way into http.
/** What the pure domain may import besides itself: Node built-ins that do no I/O, and the two
 * libraries that parse text it is given (zod, yaml). */
const domainMayUse = [
  '^(node:)?(crypto|util|assert)$',
  '^node_modules/(zod|yaml)/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-stays-pure',
      comment: 'src/domain is the pure core: it imports only the domain and a few I/O-free built-ins.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/domain/', ...domainMayUse] },
    },
    {
      name: 'repositories-import-no-services',
      comment: 'Repositories only store and fetch; the use cases that call them live in services.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/services/' },
    },
    {
      name: 'only-main-imports-http',
      comment: 'The web layer is an entry point: only src/main.ts (and tests) start it.',
      severity: 'error',
      from: { pathNot: ['^src/http/', '^src/main\\.ts$', '\\.test\\.ts$', '^test/'] },
      to: { path: '^src/http/' },
    },
    {
      name: 'entry-points-reach-storage-through-services',
      comment:
        'http and the CLI run use cases through services and never call a repository or other storage code themselves. ' +
        'Type-only imports are allowed: the Db handle and the row types (Inspection, User, ...) are the shapes services take and give, and importing them runs no storage code. ' +
        'The CLI\'s opening of the database and the data folder\'s lock are the one way in (entry-points-open-storage below).',
      severity: 'error',
      from: { path: '^src/(http|cli)/', pathNot: ['\\.test\\.ts$', '^src/cli/(database|backup)\\.ts$'] },
      to: { path: '^src/db/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'entry-points-open-storage',
      comment: 'src/cli/database.ts opens the database and src/cli/backup.ts takes the data folder\'s lock: that, and no repository, is what they use of src/db.',
      severity: 'error',
      from: { path: '^src/cli/(database|backup)\\.ts$' },
      to: { path: '^src/db/', pathNot: ['^src/db/database\\.ts$', '^src/db/data-folder-lock\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-reach-adapters-through-interfaces',
      comment: 'Services send through interfaces (SmsSender, EmailSender) and make PDFs through src/reports; which adapter runs is chosen in src/wiring.ts.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/adapters/', pathNot: '^src/adapters/email/email-sender\\.ts$' },
    },
    {
      name: 'presenters-import-no-services',
      comment: 'Presenters shape what they are given; fetching is the caller\'s (a route or a service).',
      severity: 'error',
      from: { path: '^src/presenters/' },
      to: { path: '^src/services/' },
    },
    {
      name: 'no-circular-into-domain',
      comment: 'Nothing in the domain depends back on code that depends on it.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { circular: true, pathNot: '^src/domain/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^src/http/public/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
