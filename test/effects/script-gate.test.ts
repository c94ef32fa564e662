import { expect } from '@open-wc/testing';
import { scriptGate, type ScriptGate } from '../../src/effects/script-gate.js';

/** What the gated scripts of these tests write to. */
interface TestWindow {
  __order?: string[];
}
const testWindow = window as unknown as TestWindow;
const order = () => testWindow.__order ?? [];

const FIXTURES = '/test/effects/fixtures';

/** A gated script: inline when `body` is a string, else with the given `src`. */
function gated(
  consent: string,
  body: string | { src: string },
  attributes: Record<string, string> = {},
): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.setAttribute('data-consent', consent);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  if (typeof body === 'string') script.textContent = body;
  else script.setAttribute('src', body.src);
  return script;
}

/** An inline gated script that pushes `name` to `window.__order`. */
const inline = (consent: string, name: string, attributes?: Record<string, string>) =>
  gated(consent, `window.__order.push(${JSON.stringify(name)});`, attributes);

/** A `src` gated script (fixtures/order.js) that pushes `name` to `window.__order`. */
const external = (consent: string, name: string, attributes?: Record<string, string>) =>
  gated(consent, { src: `${FIXTURES}/order.js?name=${encodeURIComponent(name)}` }, attributes);

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Waits, frame by frame, until `condition` holds; fails after `limit` ms. */
async function until(condition: () => boolean, what: string, limit = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > limit) throw new Error(`Timed out waiting for ${what}`);
    await nextFrame();
  }
}

/** The script the gate ran in place of `original` (inserted right after it). */
const copyOf = (original: HTMLScriptElement) => {
  const copy = original.nextElementSibling;
  expect(copy, 'the copy the gate inserted').to.be.instanceOf(HTMLScriptElement);
  return copy as HTMLScriptElement;
};

describe('scriptGate', () => {
  let container: HTMLDivElement;
  let granted: Set<string>;
  let gates: ScriptGate[];
  let extras: Element[];

  const gate = (isGranted = (id: string) => granted.has(id)) => {
    const g = scriptGate(document, isGranted);
    gates.push(g);
    return g;
  };

  beforeEach(() => {
    testWindow.__order = [];
    granted = new Set(['necessary', 'logs']);
    gates = [];
    extras = [];
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    for (const g of gates) g.disconnect();
    container.remove();
    for (const node of extras) node.remove();
    delete testWindow.__order;
  });

  describe('runs only what is granted', () => {
    it('runs an inline script when its category is granted', async () => {
      granted.add('analytics');
      container.append(inline('analytics', 'a'));
      await gate().update();
      expect(order()).to.deep.equal(['a']);
    });

    it('runs a src script when its category is granted', async () => {
      granted.add('analytics');
      container.append(external('analytics', 'b'));
      await gate().update();
      expect(order()).to.deep.equal(['b']);
    });

    it('never runs a script whose category is denied', async () => {
      granted.add('analytics');
      const scripts = [inline('preferences', 'a'), external('preferences', 'b')];
      container.append(...scripts);
      const g = gate();
      await g.update();
      await g.update();
      expect(order()).to.deep.equal([]);
      for (const s of scripts) expect(s.hasAttribute('data-consent-state')).to.equal(false);
      expect(container.querySelectorAll('script')).to.have.length(2);
    });

    it('a script the page refuses (Trusted Types, CSP) is reported, and the others still run', async () => {
      granted.add('analytics');
      const refused = external('analytics', 'refused');
      container.append(refused, inline('analytics', 'after'));
      // What a page that refuses the script URL does: the assignment throws.
      const setAttribute = HTMLScriptElement.prototype.setAttribute;
      HTMLScriptElement.prototype.setAttribute = function (name: string, value: string) {
        if (name === 'src' && this !== refused) throw new TypeError('refused by the page');
        return setAttribute.call(this, name, value);
      };
      const errors: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args.join(' '));
      const g = gate();
      try {
        await g.update();
      } finally {
        HTMLScriptElement.prototype.setAttribute = setAttribute;
        console.error = original;
      }
      expect(order()).to.deep.equal(['after']);
      expect(errors).to.have.length(1);
      expect(String(errors[0])).to.include('refused by the page');
      // The gate goes on working: a later grant still runs its scripts.
      container.append(inline('preferences', 'later'));
      granted.add('preferences');
      await g.update();
      expect(order()).to.deep.equal(['after', 'later']);
    });

    it('runs a script the moment its category is granted', async () => {
      container.append(inline('analytics', 'a'), external('analytics', 'b'));
      const g = gate();
      await g.update();
      expect(order()).to.deep.equal([]);
      granted.add('analytics');
      await g.update();
      expect(order()).to.deep.equal(['a', 'b']);
    });

    const several: { name: string; consent: string }[] = [
      { name: 'spaces', consent: 'analytics preferences' },
      { name: 'a comma', consent: 'analytics,preferences' },
    ];
    for (const { name, consent } of several) {
      it(`needs every category a script names (${name})`, async () => {
        container.append(inline(consent, 'both'));
        const g = gate();
        granted.add('analytics');
        await g.update();
        expect(order()).to.deep.equal([]);
        granted.delete('analytics');
        granted.add('preferences');
        await g.update();
        expect(order()).to.deep.equal([]);
        granted.add('analytics');
        await g.update();
        expect(order()).to.deep.equal(['both']);
      });
    }

    const invalid = ['', ' ', 'Analytics', '1abc', 'analytics Bad'];
    for (const consent of invalid) {
      it(`never runs data-consent=${JSON.stringify(consent)}, even with everything granted`, async () => {
        const script = inline(consent, 'bad');
        container.append(script);
        await gate(() => true).update();
        expect(order()).to.deep.equal([]);
        expect(script.hasAttribute('data-consent-state')).to.equal(false);
      });
    }

    it('leaves scripts that are not text/plain alone', async () => {
      granted.add('analytics');
      const json = gated('analytics', '{"a": 1}');
      json.type = 'application/json';
      container.append(json);
      await gate().update();
      expect(json.hasAttribute('data-consent-state')).to.equal(false);
      expect(container.querySelectorAll('script')).to.have.length(1);
    });
  });

  describe('once, in document order', () => {
    it('runs each script once, however often it is updated', async () => {
      granted.add('analytics');
      container.append(inline('analytics', 'a'), external('analytics', 'b'));
      const g = gate();
      await Promise.all([g.update(), g.update()]);
      await g.update();
      expect(order()).to.deep.equal(['a', 'b']);
    });

    it('runs each script once, even with a second gate on the page', async () => {
      granted.add('analytics');
      container.append(inline('analytics', 'a'), external('analytics', 'b'));
      await gate().update();
      await gate().update();
      expect(order()).to.deep.equal(['a', 'b']);
    });

    it('runs mixed inline and src scripts in document order, waiting for each src', async () => {
      granted.add('analytics').add('preferences');
      const nested = document.createElement('section');
      nested.append(inline('analytics', '3'), external('preferences', '4'));
      container.append(
        inline('analytics', '1'),
        external('analytics', '2'),
        nested,
        inline('preferences', '5'),
        external('analytics', '6'),
        external('analytics', '7'),
        inline('analytics', '8'),
      );
      await gate().update();
      expect(order()).to.deep.equal(['1', '2', '3', '4', '5', '6', '7', '8']);
    });

    it('follows document order, not the order scripts were added', async () => {
      granted.add('analytics');
      container.append(inline('analytics', 'body'));
      const head = inline('analytics', 'head');
      document.head.append(head);
      extras.push(head);
      await gate().update();
      expect(order()).to.deep.equal(['head', 'body']);
    });

    it('runs the scripts of a category granted later after those already run', async () => {
      granted.add('analytics');
      container.append(
        inline('analytics', 'x'),
        inline('preferences', 'y'),
        external('analytics', 'z'),
      );
      const g = gate();
      await g.update();
      expect(order()).to.deep.equal(['x', 'z']);
      granted.add('preferences');
      await g.update();
      expect(order()).to.deep.equal(['x', 'z', 'y']);
    });

    it('goes on after a src script that fails to load', async () => {
      granted.add('analytics');
      container.append(
        inline('analytics', 'a'),
        gated('analytics', { src: `${FIXTURES}/does-not-exist.js` }),
        inline('analytics', 'c'),
      );
      await gate().update();
      expect(order()).to.deep.equal(['a', 'c']);
    });

    it('runs a gated script that a gated script adds, in the same update', async () => {
      granted.add('analytics');
      container.append(
        gated(
          'analytics',
          `window.__order.push('a');
          const next = document.createElement('script');
          next.type = 'text/plain';
          next.dataset.consent = 'analytics';
          next.textContent = "window.__order.push('b')";
          document.currentScript.after(next);`,
        ),
      );
      await gate().update();
      expect(order()).to.deep.equal(['a', 'b']);
    });
  });

  describe('observe()', () => {
    it('runs granted scripts added to the page later', async () => {
      granted.add('analytics');
      const g = gate();
      g.observe();
      await g.update();
      container.append(inline('analytics', 'late inline'));
      await until(() => order().includes('late inline'), 'the inline script added later');
      container.append(external('analytics', 'late src'));
      await until(() => order().includes('late src'), 'the src script added later');
      expect(order()).to.deep.equal(['late inline', 'late src']);
    });

    it('runs a granted script inside an element added later', async () => {
      granted.add('analytics');
      const g = gate();
      g.observe();
      const wrapper = document.createElement('div');
      wrapper.append(inline('analytics', 'nested'));
      container.append(wrapper);
      await until(() => order().includes('nested'), 'the nested script');
      expect(order()).to.deep.equal(['nested']);
    });

    it('does not run denied scripts added later, and runs them once granted', async () => {
      granted.add('analytics');
      const g = gate();
      g.observe();
      const denied = inline('preferences', 'denied');
      container.append(denied, inline('analytics', 'marker'));
      // The gate looks at every waiting script in one pass: once the marker after it has
      // run, the denied one has been passed over.
      await until(() => order().includes('marker'), 'the marker script');
      expect(order()).to.deep.equal(['marker']);
      expect(denied.hasAttribute('data-consent-state')).to.equal(false);
      granted.add('preferences');
      await g.update();
      expect(order()).to.deep.equal(['marker', 'denied']);
    });

    it('stops watching after disconnect()', async () => {
      granted.add('analytics');
      const g = gate();
      g.observe();
      g.disconnect();
      container.append(inline('analytics', 'after disconnect'));
      // A negative check: an observer would have run it within a frame.
      await nextFrame();
      await nextFrame();
      expect(order()).to.deep.equal([]);
      await g.update();
      expect(order()).to.deep.equal(['after disconnect']);
    });
  });

  describe('the script it runs', () => {
    it('marks the original data-consent-state="executed" and keeps it inert', async () => {
      granted.add('analytics');
      const original = inline('analytics', 'a');
      container.append(original);
      await gate().update();
      expect(original.getAttribute('data-consent-state')).to.equal('executed');
      expect(original.type).to.equal('text/plain');
      const copy = copyOf(original);
      expect(copy.hasAttribute('data-consent-state')).to.equal(false);
      expect(copy.type).to.equal('');
      expect(copy.textContent).to.equal(original.textContent);
    });

    it('copies attributes (id, data-*, class, nonce) but not type', async () => {
      granted.add('analytics');
      const original = inline('analytics', 'a', {
        id: 'tracker',
        class: 'analytics-tag',
        'data-foo': 'bar',
        nonce: 'n0nce',
      });
      container.append(original);
      await gate().update();
      const copy = copyOf(original);
      expect(copy.id).to.equal('tracker');
      expect(copy.className).to.equal('analytics-tag');
      expect(copy.getAttribute('data-foo')).to.equal('bar');
      expect(copy.getAttribute('data-consent')).to.equal('analytics');
      expect(copy.nonce).to.equal('n0nce');
      expect(copy.hasAttribute('type')).to.equal(false);
    });

    it('copies the src and attributes of a src script', async () => {
      granted.add('analytics');
      const original = external('analytics', 'b', {
        'data-foo': 'bar',
        referrerpolicy: 'no-referrer',
      });
      container.append(original);
      await gate().update();
      const copy = copyOf(original);
      expect(copy.getAttribute('src')).to.equal(original.getAttribute('src'));
      expect(copy.getAttribute('data-foo')).to.equal('bar');
      expect(copy.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(order()).to.deep.equal(['b']);
    });

    it('runs an inline data-type="module" script as a module', async () => {
      granted.add('analytics');
      // `import.meta` is a syntax error outside a module, so this runs only as one.
      const original = gated('analytics', `window.__order.push('module:' + typeof import.meta);`, {
        'data-type': 'module',
      });
      container.append(original);
      await gate().update();
      expect(copyOf(original).type).to.equal('module');
      // Module scripts run after the current task, like `defer`.
      await until(() => order().length > 0, 'the inline module');
      expect(order()).to.deep.equal(['module:object']);
    });

    it('runs a src data-type="module" script as a module', async () => {
      granted.add('analytics');
      const original = gated(
        'analytics',
        { src: `${FIXTURES}/order-module.js?name=m` },
        { 'data-type': 'module' },
      );
      container.append(original);
      await gate().update();
      expect(copyOf(original).type).to.equal('module');
      expect(order()).to.deep.equal(['module:m']);
    });
  });
});
