// `npm run screenshots`: PNGs of the banner for the README, made from the demo pages in a real
// Chromium: Thai (SSO demo) and English (script-tag demo), light and dark, desktop and phone,
// first layer and dialog; the themed demo's first layer, light and dark; and an embed's
// placeholder on the media demo (Thai light phone, English dark desktop). Named
// `<layer>-<lang>-<scheme>-<device>.png`. Needs `npm run build` (the script-tag page loads
// dist/consent-banner.iife.js). test/e2e/visual.spec.ts compares the same states.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../test/support/find-browser.mjs';
import { pinFonts } from '../test/support/fonts.mjs';

const OUT = 'docs/screenshots';
// `layers`: what to take, and the file name's first word for it.
const PAGES = [
  { lang: 'th', path: '/demo/index.html', choose: 'เลือกเอง', layers: ['banner', 'dialog'] },
  { lang: 'en', path: '/demo/script-tag.html', choose: 'Choose', layers: ['banner', 'dialog'] },
  { lang: 'th', path: '/demo/themed.html', layers: ['themed'], devices: ['desktop'] },
];
const DEVICES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];
const SCHEMES = ['light', 'dark'];
/** The placeholder of the media demo's video (docs/guide/embeds.md). */
const EMBEDS = [
  { lang: 'th', scheme: 'light', device: 'phone' },
  { lang: 'en', scheme: 'dark', device: 'desktop' },
];

mkdirSync(OUT, { recursive: true });
// Start clean, so that no picture of an older naming stays behind.
for (const file of readdirSync(OUT)) if (file.endsWith('.png')) rmSync(`${OUT}/${file}`);

const server = await createServer({
  configFile: 'vite.demo.config.ts',
  logLevel: 'warn',
  server: { port: 0, host: '127.0.0.1' },
});
await server.listen();
const { port } = server.httpServer.address();
// The same fonts as the visual tests (test/support/fonts/fonts.conf), whatever this machine has.
pinFonts();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
let count = 0;
try {
  for (const page of PAGES) {
    for (const device of DEVICES.filter((d) => !page.devices || page.devices.includes(d.name))) {
      for (const scheme of SCHEMES) {
        const context = await browser.newContext({
          viewport: { width: device.width, height: device.height },
          deviceScaleFactor: 1,
          locale: page.lang === 'th' ? 'th-TH' : 'en-US',
          colorScheme: scheme,
          reducedMotion: 'reduce',
        });
        const tab = await context.newPage();
        await tab.goto(`http://127.0.0.1:${port}${page.path}`);
        const banner = tab.locator('consent-banner [part~="banner"]');
        await banner.waitFor();
        await tab.evaluate(() => document.fonts.ready.then(() => undefined));
        const file = (layer) => `${OUT}/${layer}-${page.lang}-${scheme}-${device.name}.png`;
        await tab.screenshot({ path: file(page.layers[0]) });
        count += 1;
        if (page.layers.includes('dialog')) {
          await banner.getByRole('button', { name: page.choose }).click();
          await tab.locator('consent-banner dialog[open]').waitFor();
          // With what each category keeps, which comes a moment later (the extras file).
          await tab.locator('consent-banner [part~="declaration"]').first().waitFor();
          await tab.screenshot({ path: file('dialog') });
          count += 1;
        }
        await context.close();
      }
    }
  }
  for (const shot of EMBEDS) {
    const device = DEVICES.find((d) => d.name === shot.device);
    const context = await browser.newContext({
      viewport: { width: device.width, height: device.height },
      deviceScaleFactor: 1,
      locale: shot.lang === 'th' ? 'th-TH' : 'en-US',
      colorScheme: shot.scheme,
      reducedMotion: 'reduce',
    });
    const tab = await context.newPage();
    await tab.goto(`http://127.0.0.1:${port}/demo/media.html`);
    // The page is Thai; the banner's own lang makes the placeholders English.
    if (shot.lang === 'en') await tab.locator('consent-banner').evaluate((el) => (el.lang = 'en'));
    const placeholder = tab.locator('[data-consent-placeholder]').first();
    await placeholder
      .getByRole('button', { name: shot.lang === 'th' ? 'โหลดเฉพาะรายการนี้' : 'Load this one' })
      .waitFor();
    await tab.evaluate(() => document.fonts.ready.then(() => undefined));
    await placeholder.screenshot({
      path: `${OUT}/embed-${shot.lang}-${shot.scheme}-${shot.device}.png`,
    });
    count += 1;
    await context.close();
  }
  console.log(`${count} screenshots written to ${OUT}/`);
} finally {
  await browser.close();
  await server.close();
}
