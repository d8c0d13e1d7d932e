// Bundles the Electron shell into dist-electron/: main as ESM (Electron ≥ 28 loads ESM mains), the
// preload as CommonJS (a sandboxed preload cannot be an ES module). Dependencies stay in
// node_modules (native ones such as better-sqlite3 cannot be bundled); `electron` is the runtime's.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = 'dist-electron';
rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: `${outdir}/main/index.js`,
    format: 'esm',
    target: 'node22',
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: `${outdir}/preload/index.cjs`,
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
  }),
]);
console.log(`Electron main and preload bundled into ${outdir}/`);
