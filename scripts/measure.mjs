// What the size scripts and the bench share: the brotli size of a file as a server would send
// it, the script-tag build made in memory (dist/ is not touched), and the plugin that builds it
// with parts taken out.
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

/** Replaces modules whose path ends with a key by the code given for it. */
export const stubs = (replace) => ({
  name: 'stubs',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (source in replace) return `\0stub:${source}`;
    const resolved = await this.resolve(source, importer, { skipSelf: true });
    const key = resolved && Object.keys(replace).find((k) => resolved.id.endsWith(k));
    return key ? `\0stub:${key}` : null;
  },
  load(id) {
    return id.startsWith('\0stub:') ? replace[id.slice('\0stub:'.length)] : null;
  },
});
