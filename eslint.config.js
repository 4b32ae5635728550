// Type-aware linting for the server, the contract, the console and the tooling (typescript-eslint with
// type information: recommendedTypeChecked + the rules below). Formatting is Prettier's job.
// `npm run lint` fails on any warning (--max-warnings 0).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'bench/.data/**',
      'bench/results/**',
      'coverage/**',
      'server/modules/annual-report/checker/fixtures/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One TypeScript program per tsconfig (server/tests and the console), found per file.
        projectService: {
          allowDefaultProject: [
            '*.js',
            'bin/*.js',
            'scripts/*.js',
            'bench/startup/*.js',
            'admin/vite.config.ts',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      // A promise nobody awaits loses its error (and, in a transaction, its ordering).
      '@typescript-eslint/no-floating-promises': 'error',
      // A switch over a union must name every member (or say `default`): new states must not fall through.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, allowDefaultCaseForExhaustiveSwitch: true },
      ],
      // Fastify handlers and commander actions are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
      // Test assertions (`expect(x.method)`) and Kysely's builder methods are passed unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
      // React event props (onClick={async () => …}) and antd callbacks take promise-returning handlers;
      // their errors are caught inside the handlers (message.error). Arguments and conditions stay checked.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false, arguments: false } },
      ],
    },
  },
  {
    // Plain JavaScript tooling (bin, scripts, benches) has no types to check.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests read `res.json()` (typed `any` by light-my-request) everywhere: the unsafe-* family would flag
    // every assertion on a response body without finding bugs; the assertions themselves check the shapes.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
