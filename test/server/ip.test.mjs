// Client addresses for logs: canonical form, anonymisation, and a safe `-` for anything else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_ADDRESS, anonymizeIp, normalizeIp } from 'consent-banner/server';

describe('anonymizeIp and normalizeIp', () => {
  // [input, normalised (full, canonical), anonymised]
  const table = [
    // IPv4: the last octet zeroed.
    ['203.0.113.7', '203.0.113.7', '203.0.113.0'],
    ['127.0.0.1', '127.0.0.1', '127.0.0.0'],
    ['10.1.2.255', '10.1.2.255', '10.1.2.0'],
    ['0.0.0.0', '0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255', '255.255.255.0'],
    // IPv6: the first 48 bits kept.
    [
      '2001:db8:1234:5678:9abc:def0:1234:5678',
      '2001:db8:1234:5678:9abc:def0:1234:5678',
      '2001:db8:1234::',
    ],
    ['2001:0DB8:1234:0000:0000:0000:0000:0001', '2001:db8:1234::1', '2001:db8:1234::'],
    ['2001:db8:1234:5678::1', '2001:db8:1234:5678::1', '2001:db8:1234::'],
    ['2001:db8::1', '2001:db8::1', '2001:db8::'],
    ['2001:db8::', '2001:db8::', '2001:db8::'],
    ['2001::5678:1', '2001::5678:1', '2001::'],
    ['fe80::1%eth0', 'fe80::1', 'fe80::'],
    ['::1', '::1', '::'],
    ['::', '::', '::'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3', '1::'],
    ['1::2:3:4:5:6:7', '1:0:2:3:4:5:6:7', '1:0:2::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', '2001:db8::'],
    [
      '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff',
      '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff',
      '2001:db8:aaaa::',
    ],
    ['64:ff9b::203.0.113.7', '64:ff9b::cb00:7107', '64:ff9b::'],
    // IPv4-mapped IPv6 (a dual-stack socket's view of an IPv4 client): treated as IPv4.
    ['::ffff:203.0.113.7', '203.0.113.7', '203.0.113.0'],
    ['::FFFF:127.0.0.1', '127.0.0.1', '127.0.0.0'],
    ['::ffff:cb00:7107', '203.0.113.7', '203.0.113.0'],
    ['0:0:0:0:0:ffff:203.0.113.7', '203.0.113.7', '203.0.113.0'],
    // With a port or brackets, as some proxies write X-Forwarded-For.
    ['203.0.113.7:51234', '203.0.113.7', '203.0.113.0'],
    ['[2001:db8:1234:5678::1]:443', '2001:db8:1234:5678::1', '2001:db8:1234::'],
    ['[::ffff:203.0.113.7]', '203.0.113.7', '203.0.113.0'],
  ];
  for (const [input, full, anonymous] of table) {
    test(`${input} → ${full} / ${anonymous}`, () => {
      assert.equal(normalizeIp(input), full);
      assert.equal(anonymizeIp(input), anonymous);
    });
  }

  const garbage = [
    undefined,
    null,
    '',
    ' ',
    42,
    {},
    ['203.0.113.7'],
    'localhost',
    'unknown',
    '203.0.113',
    '203.0.113.7.1',
    '203.0.113.256',
    '203.0.113.07',
    '-1.0.0.0',
    ' 203.0.113.7',
    '203.0.113.7\n127.0.0.1 [forged line]',
    '<script>alert(1)</script>',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::1',
    'g::1',
    ':1',
    '1:',
    '::1.2.3',
    '1.2.3.4::',
    '::ffff:203.0.113.256',
    '2001:db8::1%',
    `${'1:'.repeat(60)}1`,
    '9'.repeat(10_000),
  ];
  for (const input of garbage) {
    test(`not an address: ${JSON.stringify(input)?.slice(0, 40)} → "-"`, () => {
      assert.equal(anonymizeIp(input), NO_ADDRESS);
      assert.equal(normalizeIp(input), NO_ADDRESS);
    });
  }

  test('the fallback is "-", never the raw value', () => {
    assert.equal(NO_ADDRESS, '-');
  });
});
