// Who provides an embed, and where its content lives on the provider's own site
// (docs/guide/embeds.md "Providers"); the placeholder's texts name the banner's categories as
// the banner does.
import { expect } from '@open-wc/testing';
import { fill, provider } from '../../src/core/embed.js';
import { EMBED_STRINGS, LOG_FILES } from '../../src/i18n/embed.js';
import { en } from '../../src/i18n/en.js';
import { th } from '../../src/i18n/th.js';

const BASE = 'https://www.sso.go.th/wpr/main/';

describe('embed providers', () => {
  const rows: [string, string, string | null][] = [
    [
      'https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0',
      'YouTube',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    ],
    [
      'https://www.youtube-nocookie.com/embed/abc_DEF-123',
      'YouTube',
      'https://www.youtube.com/watch?v=abc_DEF-123',
    ],
    ['https://youtube.com/embed/x1', 'YouTube', 'https://www.youtube.com/watch?v=x1'],
    [
      'https://www.google.com/maps/embed?pb=!1m18!1m12',
      'Google Maps',
      'https://www.google.com/maps/embed?pb=!1m18!1m12',
    ],
    [
      'https://www.google.com/maps/embed/v1/place?key=K&q=%E0%B8%AA%E0%B8%9B%E0%B8%AA.+%E0%B8%99%E0%B8%99%E0%B8%97%E0%B8%9A%E0%B8%B8%E0%B8%A3%E0%B8%B5',
      'Google Maps',
      'https://www.google.com/maps/search/?api=1&query=%E0%B8%AA%E0%B8%9B%E0%B8%AA.%20%E0%B8%99%E0%B8%99%E0%B8%97%E0%B8%9A%E0%B8%B8%E0%B8%A3%E0%B8%B5',
    ],
    [
      'https://maps.google.co.th/maps?q=SSO&output=embed',
      'Google Maps',
      'https://www.google.com/maps/search/?api=1&query=SSO',
    ],
    ['https://player.vimeo.com/video/76979871?h=8272103f6e', 'Vimeo', 'https://vimeo.com/76979871'],
    [
      'https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2FSSOthai%2Fposts%2F1&width=500',
      'Facebook',
      'https://www.facebook.com/SSOthai/posts/1',
    ],
    // A Facebook plugin that points elsewhere opens the plugin's own address, not the other site.
    [
      'https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fevil.example%2F',
      'Facebook',
      'https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fevil.example%2F',
    ],
    ['https://www.google.com/search?q=x', 'google.com', 'https://www.google.com/search?q=x'],
    [
      'https://embed.example.org/widget?id=7',
      'embed.example.org',
      'https://embed.example.org/widget?id=7',
    ],
    ['/media/clip.html', 'sso.go.th', 'https://www.sso.go.th/media/clip.html'],
    ['javascript:alert(1)', 'javascript:', null],
    ['http://[bad', 'http://[bad', null],
  ];
  for (const [src, name, open] of rows)
    it(`${src} → ${name}`, () => {
      expect(provider(src, BASE)).to.deep.equal({ name, open });
    });

  it('data-consent-provider names it', () => {
    expect(provider('https://www.youtube.com/embed/x', BASE, 'ช่อง สปส.').name).to.equal('ช่อง สปส.');
  });

  it('fill puts the values in, and leaves an unknown placeholder as written', () => {
    expect(fill('{provider} and {provider}, {other}', { provider: 'Vimeo' })).to.equal(
      'Vimeo and Vimeo, {other}',
    );
  });

  it("the placeholder names the built-in categories as the banner's own texts do", () => {
    for (const [lang, strings] of [
      ['th', th],
      ['en', en],
    ] as const)
      for (const key of ['logsLabel', 'preferencesLabel', 'analyticsLabel', 'otherLabel'] as const)
        expect(EMBED_STRINGS[lang][key], `${lang}.${key}`).to.equal(strings[key]);
  });

  it('Thai and English have the same placeholder texts, none empty', () => {
    expect(Object.keys(EMBED_STRINGS.th).sort()).to.deep.equal(
      Object.keys(EMBED_STRINGS.en).sort(),
    );
    for (const strings of Object.values(EMBED_STRINGS))
      for (const text of Object.values(strings)) expect(text.trim()).to.not.equal('');
  });

  it('the log files are declared with the same fields in Thai and English, none empty', () => {
    expect(LOG_FILES.th.fields.length).to.equal(LOG_FILES.en.fields.length);
    for (const { fields, kept } of Object.values(LOG_FILES))
      for (const text of [...fields.flat(), kept]) expect(text.trim()).to.not.equal('');
    for (const { fields } of Object.values(LOG_FILES))
      for (const field of fields) expect(field.length).to.equal(2);
  });
});
