// The documentation site (VitePress): `npm run docs` serves it, `npm run docs:build` builds it
// into docs/.vitepress/dist, and fails on a link to a page that does not exist.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';

const REPO = 'https://github.com/consent-banner/consent-banner';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The script-tag demo pages, live beside the docs (at /demo/script-tag.html and, with embeds,
 * /demo/media.html): the pages, what they load, and the built files they install. Without a build (`npm run build`) it is left out.
 */
const DEMO = [
  'demo/script-tag.html',
  'demo/media.html',
  'demo/thumbs/howto.svg',
  'demo/demo.css',
  'demo/panel.js',
  'demo/analytics.js',
];
function copyDemo(outDir: string): void {
  const built = join(ROOT, 'dist/consent-banner.iife.js');
  if (!existsSync(built)) {
    console.warn('docs: no dist/consent-banner.iife.js (npm run build): the live demo is left out');
    return;
  }
  mkdirSync(join(outDir, 'demo/thumbs'), { recursive: true });
  copyFileSync(built, join(outDir, 'consent-banner.iife.js'));
  copyFileSync(
    join(ROOT, 'dist/consent-banner-extras.iife.js'),
    join(outDir, 'consent-banner-extras.iife.js'),
  );
  for (const file of DEMO) copyFileSync(join(ROOT, file), join(outDir, file));
}

export default defineConfig({
  title: 'consent-banner',
  description:
    'A small, honest, accessible cookie and log-file consent banner for Thai public-sector and cooperative sites.',
  lang: 'en',
  cleanUrls: true,
  lastUpdated: false,
  // The pages' own Markdown, also read on GitHub: relative links end in `.md`.
  srcExclude: ['**/node_modules/**'],
  buildEnd: (site) => copyDemo(site.outDir),
  themeConfig: {
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: REPO }],
    editLink: { pattern: `${REPO}/edit/main/docs/:path` },
    nav: [
      { text: 'Guide', link: '/guide/install' },
      { text: 'Server', link: '/server/' },
      { text: 'Reference', link: '/reference/attributes' },
      { text: 'Explanation', link: '/explanation/design-decisions' },
      { text: 'ภาษาไทย', link: '/th/' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Install', link: '/guide/install' },
          { text: 'For site editors', link: '/guide/site-editors' },
          { text: 'Configuration', link: '/guide/configuration' },
          { text: 'Categories', link: '/guide/categories' },
          { text: 'Script gating', link: '/guide/script-gating' },
          { text: 'Embedded content', link: '/guide/embeds' },
          { text: 'Google Consent Mode', link: '/guide/consent-mode' },
          { text: 'GA4, GTM and Matomo', link: '/guide/recipes' },
          { text: 'React, Vue and Angular', link: '/guide/frameworks' },
          { text: 'Testing with Playwright', link: '/guide/testing' },
          { text: 'Auditing a site', link: '/guide/audit' },
          { text: 'Styling', link: '/guide/styling' },
        ],
      },
      {
        text: 'Server',
        items: [
          { text: 'Honouring the choice', link: '/server/' },
          { text: 'nginx', link: '/server/nginx' },
          { text: 'Apache httpd', link: '/server/apache' },
          { text: 'Node', link: '/server/node' },
          { text: 'PHP', link: '/server/php' },
          { text: "Safari's 7 days", link: '/server/safari' },
          { text: 'Receipts', link: '/server/receipts' },
          { text: 'Consent records', link: '/server/records' },
        ],
      },
      {
        text: 'Reference',
        items: [
          { text: 'Attributes and properties', link: '/reference/attributes' },
          { text: 'Events', link: '/reference/events' },
          { text: 'Methods', link: '/reference/methods' },
          { text: 'The cookie', link: '/reference/cookie' },
          { text: 'The receipt', link: '/reference/receipt' },
          { text: 'Built-in texts', link: '/reference/texts' },
          { text: 'Console messages', link: '/messages' },
        ],
      },
      {
        text: 'Explanation',
        items: [
          { text: 'Design decisions', link: '/explanation/design-decisions' },
          { text: 'Security and privacy', link: '/explanation/security' },
          { text: 'Accessibility', link: '/explanation/accessibility' },
          { text: 'Accessibility statement', link: '/explanation/accessibility-statement' },
          { text: 'Size and speed', link: '/explanation/size-and-speed' },
        ],
      },
      {
        text: 'ภาษาไทย',
        items: [
          { text: 'เริ่มต้นใช้งาน', link: '/th/' },
          { text: 'สำหรับผู้ดูแลเนื้อหาเว็บไซต์', link: '/th/site-editors' },
        ],
      },
    ],
  },
});
