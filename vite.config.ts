/**
 * Vite builds the respondent's survey (React) from `web/` into `dist/web`, which the API
 * server serves (src/web-server/static.ts). Build: `npx vite build`, or `ensureWebBuild()`
 * from src/web-server/build.ts, which `npm start` and the tests use.
 */
import react from '@vitejs/plugin-react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The core's answer rules import one constant (MISSING_TOKENS) from the instrument schema
 * module, which also builds every zod schema at load time: ~29 KB gzipped the survey never
 * runs. In the browser build that module resolves to a shim holding just the constants;
 * test/web/core-shim.test.ts checks the shim still equals the real module. (If the core
 * moves the constant into its own module, this plugin and the shim can go.)
 */
function coreSchemaShim(): Plugin {
  const schema = fileURLToPath(new URL('./src/core/instrument/schema.ts', import.meta.url));
  const shim = fileURLToPath(new URL('./web/src/core-shim/schema.ts', import.meta.url));
  return {
    name: 'pejling:core-schema-shim',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('schema.ts')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === schema ? shim : null;
    },
  };
}

/** Writes `.br` and `.gz` beside each text asset; the server sends them to browsers that accept them. */
function precompress(): Plugin {
  return {
    name: 'pejling:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg|html|json)$/.test(name)) continue;
        const data = await readFile(join(dir, name));
        await writeFile(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
        await writeFile(
          join(dir, `${name}.br`),
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  plugins: [coreSchemaShim(), react(), precompress()],
  // The survey imports the pure core (validation, conditions) and the translation catalogues.
  server: { fs: { allow: [projectRoot] } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Inlined assets would need a looser Content-Security-Policy (data: URLs).
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // The budget that matters is the gzipped size, checked by scripts/bundle-size.ts.
    chunkSizeWarningLimit: 600,
  },
});
