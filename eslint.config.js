// ESLint for the PWA (frontend/): plain ES modules in the browser, no build step.
// Run with `make lint` (or `npx eslint frontend`); see frontend/README.md.
import js from '@eslint/js';
import globals from 'globals';

// The DOM is built with h() from ui.js; data never becomes HTML (CSP and XSS safety).
const NO_HTML_SINKS = [
  {
    selector: "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]",
    message: 'Build elements with h() from ui.js; data never becomes HTML.',
  },
  {
    selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]",
    message: 'Build elements with h() from ui.js; data never becomes HTML.',
  },
];

export default [
  js.configs.recommended,
  {
    files: ['frontend/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-implicit-coercion': ['error', { boolean: false }],
      'no-restricted-syntax': ['error', ...NO_HTML_SINKS],
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['frontend/sw.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.serviceworker } },
  },
];
