// The other installs of docs/guide/install.md, from the built files: the self-contained ES module with the
// element written in the markup (/demo/module.html), and the npm entries (`consent-banner`
// registers nothing, `consent-banner/define` registers the tag; Lit stays external).
import { readFile } from 'node:fs/promises';
import { consentBanner } from '../../src/testing/index.js';
import { bannerUi, consentOf, expect, test, TH, waitForRecord } from './fixtures.js';

test.describe('the built ES module with markup', () => {
  test('registers the tag; the element in the page works in Thai with its JSON config', async ({
    page,
    context,
  }) => {
    const sources: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/src/') || pathname.startsWith('/node_modules/'))
        sources.push(pathname);
    });
    await page.goto('/demo/module.html');
    const ui = bannerUi(page, TH);
    await expect(ui.region).toBeVisible();
    expect(sources, 'the ES module is self-contained').toEqual([]);
    expect(await page.locator('consent-banner').count()).toBe(1);
    await expect(
      page.locator('consent-banner').getByRole('button', { name: 'เลือกเองทีละรายการ' }),
    ).toBeVisible();
    await consentBanner(page).acceptAll();
    await waitForRecord(context);
    expect((await consentOf(page))?.method).toBe('accept-all');
  });
});

test.describe('the npm entries', () => {
  test('a module that imports `consent-banner/define` and then listens hears consent-ready', async ({
    page,
  }) => {
    await page.goto('/test/e2e/pages/blank.html');
    // The element is in the page before the import registers the tag: it upgrades, and
    // connects, while the import runs, before the rest of the importing module.
    await page.evaluate(() => {
      document.body.innerHTML = '<consent-banner lang="en"></consent-banner>';
    });
    await page.addScriptTag({
      type: 'module',
      content: `import '/dist/define.js';
document.addEventListener('consent-ready', (event) => { window.__heard = event.detail; });`,
    });
    await expect
      .poll(() => page.evaluate(() => (window as { __heard?: { decided: boolean } }).__heard))
      .toEqual(expect.objectContaining({ decided: false }));
  });

  test('`consent-banner` registers nothing; `consent-banner/define` registers the tag', async ({
    page,
  }) => {
    await page.goto('/test/e2e/pages/blank.html');
    const result = await page.evaluate(async () => {
      const entry = await import('/dist/index.js' as string);
      const before = customElements.get('consent-banner');
      await import('/dist/define.js' as string);
      const after = customElements.get('consent-banner');
      return {
        exports: Object.keys(entry).sort(),
        definedBefore: before !== undefined,
        sameClass: after === entry.ConsentBanner,
      };
    });
    expect(result.exports).toEqual(['ConsentBanner', 'ConsentChangeEvent', 'ConsentReadyEvent']);
    expect(result.definedBefore).toBe(false);
    expect(result.sameClass).toBe(true);
  });

  test('the npm build: the element imports no Lit; its interface, a chunk of its own, imports lit; the embeds, another, none', async () => {
    // Read as built (the dev server would rewrite the bare imports).
    const index = await readFile('dist/index.js', 'utf8');
    const chunk = /from ["']\.\/([^"']+\.js)["']/.exec(index)?.[1];
    expect(chunk, 'dist/index.js re-exports a shared chunk').toBeTruthy();
    const element = await readFile(`dist/${chunk}`, 'utf8');
    expect(element, 'the element stage holds no Lit').not.toMatch(/["']lit[/"']|lit-html/);
    const loaded = [...element.matchAll(/import\(["']\.\/([^"']+\.js)["']\)/g)]
      .map((m) => m[1])
      .sort();
    expect(loaded, 'the element loads its interface and its embeds on demand').toEqual([
      'consent-banner-extras.js',
      'consent-banner-ui.js',
    ]);
    const built = await readFile('dist/consent-banner-ui.js', 'utf8');
    expect(built).toMatch(/from "lit\/html\.js"/);
    expect(built).not.toMatch(/function render\(|class ReactiveElement|LitElement extends/);
    const embeds = await readFile('dist/consent-banner-extras.js', 'utf8');
    expect(embeds, 'the embeds hold no Lit').not.toMatch(/["']lit[/"']|lit-html/);
  });

  test('the page builds and the server entry are single files that import nothing', async () => {
    for (const file of [
      'dist/consent-banner.js',
      'dist/consent-banner.iife.js',
      'dist/server.js',
    ]) {
      const code = await readFile(file, 'utf8');
      if (!file.endsWith('server.js'))
        expect(code, `${file} is minified: no line comments`).not.toMatch(/^\s*\/\//m);
      expect(code, `${file} imports nothing`).not.toMatch(/\bimport\s*[{*\w][^;]*from\s*["']/);
    }
  });
});
