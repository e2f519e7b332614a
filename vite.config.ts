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
    return {
      build: {
        outDir: resolve(root, 'dist/electron'),
        emptyOutDir: true,
        ssr: true,
        target: 'node22',
        minify: false,
        sourcemap: true,
        rollupOptions: {
          input: {
            main: resolve(root, 'electron/app/main.ts'),
            preload: resolve(root, 'electron/app/preload.ts'),
          },
          external,
          output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
        },
      },
      ssr: { noExternal: true },
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
