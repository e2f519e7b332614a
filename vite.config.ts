import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * Two builds from one file:
 * - `vite build`: the renderer (React) into dist/renderer, served by Electron's app protocol and by
 *   the headless host.
 * - `vite build --mode electron`: the Electron main process, the preload (CommonJS: sandboxed
 *   preloads cannot be ES modules) and the feed worker into dist/electron.
 */
export default defineConfig(({ mode }) => {
  if (mode === 'electron') {
    const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
    // Two environments, built one after the other into dist/electron:
    // - `main`: the main process and the feed worker (worker_threads, `feed-worker.cjs` beside
    //   `main.cjs`, see electron/feed/feed-client.ts); chunks may be shared between them.
    // - `preload`: ONE self-contained file. A sandboxed preload's `require` knows only a few
    //   built-in modules ('electron', 'events', 'timers', 'url'), never a relative chunk, so
    //   nothing may be split out of it (`codeSplitting: false`, a single input).
    // 'electron' and Node built-ins stay external; everything else (electron-store and conf are
    // ESM-only, zod…) is bundled, since the packaged app ships dist/** without node_modules.
    const node = (input: Record<string, string>, emptyOutDir: boolean, single: boolean) => ({
      consumer: 'server' as const,
      resolve: { noExternal: true as const, external },
      build: {
        outDir: resolve(root, 'dist/electron'),
        emptyOutDir,
        ssr: true,
        target: 'node22',
        minify: false,
        sourcemap: true,
        rollupOptions: {
          input,
          external,
          output: {
            format: 'cjs' as const,
            entryFileNames: '[name].cjs',
            chunkFileNames: 'chunks/[name]-[hash].cjs',
            ...(single ? { codeSplitting: false } : {}),
          },
        },
      },
    });
    return {
      environments: {
        main: node({ main: resolve(root, 'electron/app/main.ts'), 'feed-worker': resolve(root, 'electron/feed/feed-worker.ts'), 'instrument-worker': resolve(root, 'electron/core/services/instrument-worker.ts') }, true, false),
        preload: node({ preload: resolve(root, 'electron/app/preload.ts') }, false, true),
      },
      builder: {
        async buildApp(builder) {
          await builder.build(builder.environments.main!);
          await builder.build(builder.environments.preload!);
        },
      },
    };
  }
  return {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'dist/renderer'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
    },
  };
});
