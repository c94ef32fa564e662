// What the size scripts and the bench share: the brotli size of a file as a server would send
// it, and the script-tag build made in memory (dist/ is not touched).
import { build } from 'vite';
import { brotliCompressSync, constants } from 'node:zlib';

/** Brotli bytes at quality 11 of `content` (a Buffer or a string). */
export const brotliSize = (content) =>
  brotliCompressSync(Buffer.from(content), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;

/** The code of an IIFE built with vite.config.ts's `mode` (iife), `plugins` and `lib` added. */
export async function buildIife({ plugins = [], lib, mode = 'iife' } = {}) {
  const output = await build({
    configFile: 'vite.config.ts',
    mode,
    logLevel: 'silent',
    plugins,
    build: { write: false, ...(lib ? { lib } : {}) },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  return chunks.find((c) => c.type === 'chunk').code;
}
