// The built script tag's embeds (docs/guide/embeds.md), in every engine: a page without embeds
// never asks for consent-banner-extras.iife.js; a page with one gets its placeholder from that
// file, and the embed loads when the visitor accepts, and at once on the next page.
import { expect } from '@open-wc/testing';
import { clearAllCookies } from '../element/helpers.js';
import { click, closeFrames, openFrame, reload, until, windowOf } from './frame.js';

afterEach(() => {
  closeFrames();
  clearAllCookies();
});

const EMBEDS_FILE = 'consent-banner-extras.iife.js';

/** How often the page in `frame` asked for `name`. */
const asked = (frame: HTMLIFrameElement, name: string) =>
  windowOf(frame)
    .performance.getEntriesByType('resource')
    .filter((e) => e.name.includes(name)).length;

const banner = (frame: HTMLIFrameElement) =>
  windowOf(frame).document.querySelector('consent-banner')?.shadowRoot ?? null;

describe('the built script tag and embeds', () => {
  it('a page without embeds never loads the embeds file', async () => {
    const frame = await openFrame('/test/flows/pages/iife.html');
    await until(() => !!banner(frame)?.querySelector('[part~="banner"]'), 'the banner shows');
    const doc = windowOf(frame).document;
    expect(doc.querySelector(`script[src*="${EMBEDS_FILE}"]`)).to.equal(null);
    expect(asked(frame, EMBEDS_FILE)).to.equal(0);
    expect(windowOf(frame).errors).to.deep.equal([]);
  });

  it('a page with an embed: its placeholder, then the embed on Accept all, and at once on the next load', async () => {
    const frame = await openFrame('/test/flows/pages/embeds.html');
    const doc = () => windowOf(frame).document;
    const box = () => doc().querySelector<HTMLElement>('[data-consent-placeholder]');
    await until(
      () => !!box()?.shadowRoot?.querySelector('[part~="embed-load"]'),
      'the placeholder shows',
    );
    // Asked for once. (Not counted by its timing entry: WebKit gives none for a file it has in
    // its memory cache, as after another test's page loaded it to send a receipt.)
    expect(doc().querySelectorAll(`script[src*="${EMBEDS_FILE}"]`)).to.have.length(1);
    expect(asked(frame, 'embed-content.html')).to.equal(0);
    expect(doc().querySelector('iframe')).to.equal(null);
    const accept = banner(frame)!.querySelector('[part~="accept"]')!;
    await click(frame, accept);
    await until(() => asked(frame, 'embed-content.html') === 1, 'the embed loads');
    expect(box()).to.equal(null);

    await reload(frame);
    // (A second load of the same page may come from the cache, with no timing entry.)
    const embed = () => doc().querySelector<HTMLIFrameElement>('iframe[src*="embed-content.html"]');
    await until(
      () => embed()?.contentDocument?.title === 'Embedded content (stand-in)',
      'the embed loads at once',
    );
    expect(box()).to.equal(null);
    expect(windowOf(frame).errors).to.deep.equal([]);
  });

  it('Load this one stores nothing; Always allow decides; an iframe added later waits; withdrawal puts them back', async () => {
    const frame = await openFrame('/test/flows/pages/embeds.html');
    const win = () => windowOf(frame);
    const doc = () => win().document;
    const boxes = () => [...doc().querySelectorAll<HTMLElement>('[data-consent-placeholder]')];
    const control = (box: HTMLElement, part: string) =>
      box.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`)!;
    const loaded = () => doc().querySelectorAll('iframe[src]').length;
    await until(
      () => boxes().length === 1 && !!control(boxes()[0]!, 'embed-load'),
      'the placeholder',
    );

    await click(frame, control(boxes()[0]!, 'embed-load'));
    await until(() => loaded() === 1, 'the embed loads once');
    expect(doc().cookie).to.not.contain('consent=');
    await reload(frame);
    await until(() => boxes().length === 1, 'the placeholder again on the next page');

    // An iframe the page adds later.
    const late = doc().createElement('iframe');
    late.title = 'Added later';
    late.dataset.consent = 'preferences';
    late.dataset.src = '/test/element/embed-content.html?n=late';
    doc().querySelector('main')!.append(late);
    await until(() => boxes().length === 2, 'a placeholder for the late iframe');

    await until(() => !!control(boxes()[1]!, 'embed-allow'), 'Always allow');
    await click(frame, control(boxes()[1]!, 'embed-allow'));
    await until(() => loaded() === 2 && boxes().length === 0, 'both embeds load');
    expect(doc().cookie).to.contain('consent=');

    (
      doc().querySelector('consent-banner') as HTMLElement & {
        setConsent(choice: Record<string, boolean>): void;
      }
    ).setConsent({ preferences: false });
    await until(() => boxes().length === 2 && loaded() === 0, 'the placeholders back');
    expect(win().errors).to.deep.equal([]);
  });
});
