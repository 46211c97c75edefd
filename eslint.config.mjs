import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'wasm/', '.next/', 'next-env.d.ts', 'bench-results/', 'test-results/', 'playwright-report/', '.ci-reports/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
      'no-eval': 'error',
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/testing/**', 'lib/server/**', 'lib/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'next', 'next/*'], message: 'lib/ is framework-free: it runs in the worker, the CLI and Node.' },
            { group: ['@/components/*', '@/app/*', '../components/*', '../app/*'], message: 'lib/ must not depend on UI code.' },
            { group: ['node:*', 'fs', 'path', 'crypto'], message: 'lib/ runs in the browser too; Node-only code belongs in lib/server or scripts/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{ts,mjs}', 'e2e/**/*.ts', '*.config.{ts,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
