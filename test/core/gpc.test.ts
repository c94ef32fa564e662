import { expect } from '@open-wc/testing';
import { gpcDecides } from '../../src/core/gpc.js';

// Global Privacy Control (docs/guide/configuration.md "Global Privacy Control").
describe('gpc', () => {
  const cases: [string, unknown, unknown, boolean, boolean][] = [
    ['the signal, no stored choice, honor', 'honor', true, false, true],
    ['the signal, no stored choice, the default', undefined, true, false, true],
    ['the signal, no stored choice, a bad setting counts as honor', 'yes', true, false, true],
    ['the signal, no stored choice, ignore', 'ignore', true, false, false],
    ['the signal, but a stored choice', 'honor', true, true, false],
    ['no signal', 'honor', false, false, false],
    ['no signal property at all', 'honor', undefined, false, false],
    ['a truthy signal that is not true', 'honor', 1, false, false],
    ['the string "true"', 'honor', 'true', false, false],
  ];
  for (const [name, setting, signal, decided, expected] of cases)
    it(`${name}: ${expected ? 'decides' : 'does not decide'}`, () =>
      expect(gpcDecides(setting, signal, decided)).to.equal(expected));
});
