// Builds the three targets: main (Electron entry + the `nocman` CLI), preload (CommonJS, for sandboxed windows), renderer.
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { PluginOption } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// In `electron-vite dev` the window's CSP header (script-src 'self') would block plugin-react's inline
// fast-refresh preamble: serve the same code as a module file instead (plugin-react's documented virtual module).
const inlinePreamble = `<script type="module">${react.preambleCode.replace('__BASE__', '/')}</script>`;
const preambleAsModule: PluginOption = {
  name: 'nocman:preamble-as-module',
  apply: 'serve',
  transformIndexHtml: {
    order: 'post',
    handler: (html) => html.replace(inlinePreamble, '<script type="module" src="/@id/@vitejs/plugin-react/preamble"></script>'),
  },
};

const VENDOR_CHUNKS: readonly (readonly [string, RegExp])[] = [
  ['react', /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/],
  ['mantine', /[\\/]node_modules[\\/](@mantine|@floating-ui|react-remove-scroll[^\\/]*|react-style-singleton|use-[^\\/]+|get-nonce|tslib|detect-node-es|react-number-format|react-textarea-autosize|clsx|tabbable)[\\/]/],
  ['query', /[\\/]node_modules[\\/](@tanstack|zustand)[\\/]/],
  ['i18n', /[\\/]node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements|date-fns|@date-fns)[\\/]/],
  ['zod', /[\\/]node_modules[\\/]zod[\\/]/],
];

// The start-up module and what it imports, in a chunk of their own with no library: the entry imports it first, so
// it runs (and starts the first screen's requests) before the library chunks are evaluated.
const BOOT_CHUNK = /[\\/]src[\\/]renderer[\\/](boot|routeOfHash|api[\\/]early)\.ts$/;

function chunkOf(id: string): string | undefined {
  if (BOOT_CHUNK.test(id)) return 'boot';
  return VENDOR_CHUNKS.find(([, pattern]) => pattern.test(id))?.[0];
}

// The start page's code (the dashboard, where a sign-in lands and a saved session opens) is fetched with the entry's
// own chunks, not after the entry has run and asked for it: <link rel="modulepreload"> for its chunk and the chunks it
// imports that the entry does not. Any other page still comes on first use.
const START_PAGE = /[\\/]src[\\/]renderer[\\/]pages[\\/]dashboard[\\/]DashboardPage\.tsx$/;
const preloadStartPage: PluginOption = {
  name: 'nocman:preload-start-page',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, ctx) {
      const bundle = ctx.bundle;
      if (!bundle) return html;
      const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
      const page = chunks.find((chunk) => chunk.facadeModuleId !== null && START_PAGE.test(chunk.facadeModuleId));
      const entry = chunks.find((chunk) => chunk.isEntry);
      if (!page || !entry) throw new Error('preload-start-page: no start page or entry chunk in the bundle');
      const staticImports = (from: string, into: Set<string>) => {
        for (const name of bundle[from]?.type === 'chunk' ? (bundle[from].imports ?? []) : []) {
          if (!into.has(name)) {
            into.add(name);
            staticImports(name, into);
          }
        }
        return into;
      };
      const loadedByEntry = staticImports(entry.fileName, new Set([entry.fileName]));
      const files = [page.fileName, ...staticImports(page.fileName, new Set())].filter((file) => !loadedByEntry.has(file));
      return {
        html,
        tags: files.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
      };
    },
  },
};

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { electron: 'src/main/electron/index.ts', cli: 'src/main/cli.ts' },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: 'src/preload/index.ts', join: 'src/preload/join.ts' },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    build: {
      // electron-vite leaves the renderer unminified by default; over HTTP that is most of the first load's bytes.
      minify: true,
      rollupOptions: {
        input: 'src/renderer/index.html',
        // Libraries change less often than the app: their own chunks stay cached across releases. Chunk paths are
        // relative (electron-vite's renderer base is './'), so lazy pages load from file:// in the packaged app too.
        output: { manualChunks: chunkOf },
      },
    },
    plugins: [react(), preambleAsModule, preloadStartPage],
  },
});
