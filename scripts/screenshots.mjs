// `npm run screenshots`: PNGs of the banner for the README, made from the demo pages in a real
// Chromium: Thai (SSO demo) and English (script-tag demo), first layer and dialog, desktop and
// phone. Needs `npm run build` (the script-tag page loads dist/consent-banner.iife.js).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from './find-browser.mjs';

const OUT = 'docs/screenshots';
const PAGES = [
  { lang: 'th', path: '/demo/index.html', choose: 'เลือกเอง' },
  { lang: 'en', path: '/demo/script-tag.html', choose: 'Choose' },
];
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

mkdirSync(OUT, { recursive: true });
const server = await createServer({
  configFile: 'vite.demo.config.ts',
  logLevel: 'warn',
  server: { port: 0, host: '127.0.0.1' },
});
await server.listen();
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  for (const page of PAGES) {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({
        viewport,
        deviceScaleFactor: 1,
        locale: page.lang === 'th' ? 'th-TH' : 'en-US',
        colorScheme: 'light',
        reducedMotion: 'reduce',
      });
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${port}${page.path}`);
      const banner = tab.locator('consent-banner [part~="banner"]');
      await banner.waitFor();
      await tab.screenshot({ path: `${OUT}/banner-${page.lang}-${viewport.name}.png` });
      await banner.getByRole('button', { name: page.choose }).click();
      await tab.locator('consent-banner dialog[open]').waitFor();
      await tab.screenshot({ path: `${OUT}/dialog-${page.lang}-${viewport.name}.png` });
      await context.close();
    }
  }
  console.log(`screenshots written to ${OUT}/`);
} finally {
  await browser.close();
  await server.close();
}
