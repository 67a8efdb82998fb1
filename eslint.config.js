// `npm run lint`: typescript-eslint's recommended type-checked rules over the TypeScript sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'src/http/public/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A leading underscore marks a value left out on purpose (a rest destructure that drops fields).
      // Async methods that implement a Promise-returning interface (a Kysely driver, a mail or
      // text sender, a test double) need no await; the rule flagged only those.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Migrations and the checks that run before the schema is known take a Kysely of any schema,
    // as Kysely's own migration guide does.
    files: ['src/db/migrate.ts', 'src/db/migrations/**/*.ts', 'src/db/readiness.ts', 'src/db/pglite-dialect.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests read JSON bodies and parsed files as `any` to assert on them; the unsafe-any rules
    // there flag about 150 reads that the assertions themselves check. Everything else stays on.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Tests destructure helpers from their fixtures (none of which use `this`).
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
