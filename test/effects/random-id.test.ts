import { expect } from '@open-wc/testing';
import { decodeRecord, encodeRecord } from '../../src/core/codec.js';
import { randomId } from '../../src/effects/random-id.js';

describe('randomId', () => {
  const ids = Array.from({ length: 100 }, () => randomId());

  it('is 22 characters of A-Z, a-z, 0-9, _ and -', () => {
    for (const id of ids) expect(id).to.match(/^[A-Za-z0-9_-]{22}$/);
  });

  it('gives 100 distinct ids', () => {
    expect(new Set(ids).size).to.equal(100);
  });

  it('carries 128 random bits (base64url of 16 bytes)', () => {
    for (const id of ids) {
      const bytes = atob(id.replace(/-/g, '+').replace(/_/g, '/') + '==');
      expect(bytes.length).to.equal(16);
    }
  });

  it('is accepted as a consent id in the cookie', () => {
    for (const id of ids) {
      const value = encodeRecord({
        version: 1,
        revision: 0,
        granted: ['necessary', 'logs'],
        denied: ['preferences', 'analytics'],
        id,
        decidedAt: 1_700_000_000,
        method: 'reject-all',
      });
      expect(decodeRecord(value)?.id, value).to.equal(id);
    }
  });
});
