// Shared by the recipe specs (docs/guide/recipes.md): the snippet exactly as that page shows it, a
// page that runs it next to the built IIFE, and a guard that keeps every request on this
// machine (third-party scripts are answered by local stand-ins instead).
import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { test } from './fixtures.js';

const PAGE = new URL('../../docs/guide/recipes.md', import.meta.url);

/** The first ```html block in docs/guide/recipes.md's `## <heading>` section, as written there. */
export function readmeSnippet(heading: string): string {
  const page = readFileSync(PAGE, 'utf8');
  const marker = `\n## ${heading}\n`;
  const start = page.indexOf(marker);
  if (start < 0 || page.indexOf(marker, start + 1) >= 0)
    throw new Error(`docs/guide/recipes.md must have exactly one "## ${heading}" section`);
  const rest = page.slice(start + marker.length);
  const end = rest.search(/\n#{1,2} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const block = /```html\n([\s\S]*?)\n```/.exec(section);
  if (!block?.[1])
    throw new Error(`docs/guide/recipes.md's "## ${heading}" section has no html code block`);
  return block[1];
}

function siteOrigin(): string {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts must set use.baseURL');
  return new URL(baseURL).origin;
}

/**
 * Aborts every request to another origin than the demo server's, and lists it. Register it
 * before the stand-ins' routes: Playwright tries the routes registered last first.
 */
export async function keepLocal(context: BrowserContext): Promise<string[]> {
  const origin = siteOrigin();
  const escaped: string[] = [];
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      escaped.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return escaped;
}

/**
 * Serves `/recipes/<name>.html` on the demo server's origin: an English page that installs the
 * built IIFE with one script tag (docs/guide/install.md "One script tag (no build step)") and then has `snippet` in its
 * `<head>`, as a site would paste it. Returns the page's URL.
 */
export async function serveRecipePage(
  context: BrowserContext,
  name: string,
  snippet: string,
): Promise<string> {
  const url = `${siteOrigin()}/recipes/${name}.html`;
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <title>Recipe: ${name}</title>
    <script src="/consent-banner.iife.js" data-policy-url="#privacy" data-lang="en" data-revision="1" defer></script>
${snippet}
  </head>
  <body>
    <main>
      <h1>A page with the ${name} recipe</h1>
      <p id="privacy">Privacy policy (summary).</p>
    </main>
  </body>
</html>
`;
  await context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  return url;
}
