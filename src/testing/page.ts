/**
 * `consentBanner(page)`: a page object that drives the banner as a visitor does (docs/guide/testing.md). Every control is found by its role and by the stable
 * `part` names of docs/guide/styling.md (accept, reject, choose, save, settings-button, switch with
 * `data-id`, banner, dialog), never by its text: the same calls work in Thai, in English and
 * with a site's own texts.
 */
import type { Locator, Page } from '@playwright/test';
import { isCategoryId } from '../core/categories.js';
import type { CategoryId, ConsentState } from '../core/types.js';
import { bannerLines } from './lines.js';

export interface ConsentBannerOptions {
  /** The `<consent-banner>` to drive, e.g. one in an iframe (default: the page's only one). */
  readonly element?: Locator;
}

export interface ConsentBannerPage {
  /** The `<consent-banner>` element. */
  readonly element: Locator;
  /** The first layer (a region, part `banner`). */
  readonly banner: Locator;
  /** The preferences dialog (part `dialog`). */
  readonly dialog: Locator;
  /**
   * The settings button shown after a decision (part `settings-button`), on a page without
   * its own `data-consent-open` control.
   */
  readonly settingsButton: Locator;
  /** The dialog's switch for an optional category (part `switch`, `data-id`). */
  switchFor(id: CategoryId): Locator;
  /** Accept all: on the first layer, in the dialog if it is open, else through the settings. */
  acceptAll(): Promise<void>;
  /** Reject all, the same way. */
  rejectAll(): Promise<void>;
  /**
   * Opens the dialog (Choose, or the settings button), sets the switches named, and saves.
   * Switches not named keep what the dialog shows: the current choice (all off before one).
   */
  choose(choices: Readonly<Record<CategoryId, boolean>>): Promise<void>;
  /**
   * Opens the preferences dialog: Choose on the first layer, else the settings button, else the
   * page's own `data-consent-open` control.
   */
  openSettings(): Promise<void>;
  /** Whether the first layer shows (once the element has rendered). */
  isVisible(): Promise<boolean>;
  /** `el.consent` (docs/reference/events.md, `ConsentState`). */
  state(): Promise<ConsentState>;
  /**
   * `el.consent` when the page counts a choice. Throws when it counts none, quoting the
   * banner's line on why it ignored a stored one (after `presetConsent` in this page's context:
   * another revision, other categories, `logs` refused on a required-logs site, expired, or
   * not a record).
   */
  decided(): Promise<ConsentState>;
}

const fail = (message: string): never => {
  throw new Error(`consentBanner: ${message}`);
};

/** The page object for the page's `<consent-banner>` (or `options.element`). */
export function consentBanner(page: Page, options: ConsentBannerOptions = {}): ConsentBannerPage {
  const element = options.element ?? page.locator('consent-banner');
  // CSS in Playwright pierces open shadow roots; `~=` matches one name of a `part` list.
  const part = (scope: Locator, name: string) => scope.locator(`[part~="${name}"]`);
  const button = (scope: Locator, name: string) => scope.getByRole('button').and(part(scope, name));
  const banner = element.getByRole('region').and(part(element, 'banner'));
  const dialog = element.getByRole('dialog').and(part(element, 'dialog'));
  const settingsButton = button(element, 'settings-button');
  // The page's own control, in the element's document (docs/reference/methods.md "Reopening the settings"): the
  // way back once the floating button is not shown.
  const opener = element
    .locator('xpath=ancestor::html')
    .locator('[data-consent-open]:visible')
    .first();
  const switchFor = (id: CategoryId) => {
    if (!isCategoryId(id)) fail(`${JSON.stringify(id)} is not a category id`);
    return dialog.getByRole('switch').and(dialog.locator(`[part~="switch"][data-id="${id}"]`));
  };

  /** Waits until the element is defined and has rendered what it shows now. */
  async function ready(): Promise<void> {
    await element.evaluate(async (el) => {
      await customElements.whenDefined(el.localName);
      // The element's promise for what it still has to draw (its interface loaded first, when it
      // is needed).
      await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    });
  }

  /** After a decision: the first layer and the dialog are gone. */
  async function settled(): Promise<void> {
    await dialog.waitFor({ state: 'hidden' });
    await banner.waitFor({ state: 'hidden' });
  }

  async function openSettings(): Promise<void> {
    await ready();
    if (await dialog.isVisible()) return;
    if (await banner.isVisible()) await button(banner, 'choose').click();
    else if (await settingsButton.isVisible()) await settingsButton.click();
    else if (await opener.count()) await opener.click();
    else {
      fail(
        'neither the first layer, nor the settings button, nor a data-consent-open control ' +
          'of the page shows',
      );
    }
    await dialog.waitFor({ state: 'visible' });
  }

  async function all(which: 'accept' | 'reject'): Promise<void> {
    await ready();
    let scope = dialog;
    if (!(await dialog.isVisible())) {
      if (await banner.isVisible()) scope = banner;
      else await openSettings();
    }
    await button(scope, which).click();
    await settled();
  }

  async function state(): Promise<ConsentState> {
    await ready();
    return element.evaluate((el) => (el as HTMLElement & { consent: ConsentState }).consent);
  }

  async function choose(choices: Readonly<Record<CategoryId, boolean>>): Promise<void> {
    if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) {
      fail('choose() takes an object of category id → true or false');
    }
    const wanted = Object.entries(choices);
    for (const [id, on] of wanted) {
      if (!isCategoryId(id)) fail(`${JSON.stringify(id)} is not a category id`);
      if (typeof on !== 'boolean') fail(`choose(): ${id} must be true or false, not ${String(on)}`);
    }
    await openSettings();
    for (const [id, on] of wanted) {
      const control = switchFor(id);
      if ((await control.count()) === 0) {
        const offered = await dialog
          .locator('[part~="switch"][data-id]')
          .evaluateAll((inputs) => inputs.map((input) => input.getAttribute('data-id')));
        fail(
          `the dialog has no switch for "${id}" (required, or not offered); ` +
            `its switches: ${offered.join(', ') || 'none'}`,
        );
      }
      await control.setChecked(on);
    }
    await button(dialog, 'save').click();
    await settled();
  }

  return {
    element,
    banner,
    dialog,
    settingsButton,
    switchFor,
    acceptAll: () => all('accept'),
    rejectAll: () => all('reject'),
    choose,
    openSettings,
    async isVisible() {
      await ready();
      return banner.isVisible();
    },
    state,
    async decided() {
      const now = await state();
      if (now.decided) return now;
      const why = bannerLines.of(page).filter((line) => line.includes('stored choice ignored'));
      return fail(
        'the page counts no choice' +
          (why.length
            ? `: ${why.join(' / ')}`
            : ' and said of no stored one: is the cookie for this page (presetConsent url, cookieName)?'),
      );
    },
  };
}
