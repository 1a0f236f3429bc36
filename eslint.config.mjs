import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const boundaries = (allow) => [
  'error',
  {
    allow,
    depConstraints: [
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:routing', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:department', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:feedback', onlyDependOnLibsWithTags: ['scope:shared'] },
      {
        sourceTag: 'scope:system',
        onlyDependOnLibsWithTags: ['scope:shared', 'scope:intake', 'scope:routing', 'scope:department', 'scope:feedback'],
      },
    ],
  },
];

export default [
  { ignores: ['**/node_modules/**', 'dist/**', '.local/**', '.nx/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Services talk only over Kafka: none may import another, and shared code lives in libs/.
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    // Deployment tooling migrates and seeds each service through its database entry point only.
    files: ['deploy/system/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(['intake', 'routing', 'department', 'feedback'].map((s) => `@gridwhistle/${s}/database`)) },
  },
];
