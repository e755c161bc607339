import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstLoadBudget } from './bundle-size.mts';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
const api = process.env.DUBAN_API_URL ?? 'http://localhost:3000';

/** Which vendor chunk a module goes to; @mui and react-admin are large, so each gets its own. */
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: 'mui-icons', test: /[\\/]node_modules[\\/]@mui[\\/]icons-material[\\/]/, priority: 35 },
  { name: 'mui', test: /[\\/]node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis)[\\/]/, priority: 30 },
  { name: 'react-admin', test: /[\\/]node_modules[\\/](react-admin|ra-[^\\/]+|@haxqer)[\\/]/, priority: 20 },
  // Everything else, except what only the dashboard's charts use (recharts and its d3 parts): that stays in the lazy chunk.
  {
    name: 'vendor',
    test: /[\\/]node_modules[\\/](?!(recharts|d3-[^\\/]+|victory-vendor|internmap|decimal\.js-light|@reduxjs|redux|redux-thunk|immer|reselect|react-redux)[\\/])/,
    priority: 10,
  },
];

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), firstLoadBudget(600)],
  resolve: {
    alias: {
      '@duban/domain': `${repo}libs/domain/src/index.ts`,
      '@duban/permissions': `${repo}libs/permissions/src/index.ts`,
      '@duban/plan-parser': `${repo}libs/plan-parser/src/index.ts`,
    },
  },
  build: {
    outDir: `${repo}dist/console`,
    emptyOutDir: true,
    target: 'es2022',
    // Nothing is inlined as a data: URL by accident, and every asset is served by our own server.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: api, changeOrigin: false } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: api, changeOrigin: false } },
  },
});
