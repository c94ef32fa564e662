/**
 * Loads the embeds' code, on a page that has embeds (docs/guide/embeds.md): a chunk of its own in
 * the npm build, a module evaluated only then in the one-file builds. The script-tag build
 * puts src/embeds/remote.ts in this file's place: there the embeds are a file of their own.
 */
import type { EmbedsModule } from './embed-host.js';

export const loadEmbeds = (): Promise<EmbedsModule> => import('../embeds/embeds.js');
