// keepReceipt and sendReceipts against a real receiver: the test server's /__receipts/<name> endpoints
// (web-test-runner.config.mjs), which keep what is posted and answer the status a test sets.
import { expect } from '@open-wc/testing';
import type { Receipt, WaitingReceipt } from '../../src/core/receipt.js';
import { wordingHash } from '../../src/core/wording.js';
import { keepReceipt } from '../../src/effects/receipts.js';
import { sendReceipts as send } from '../../src/embeds/receipts.js';
import { captureConsole } from '../element/helpers.js';

/** What the banner does with a decision's receipt: keeps it, then sends every waiting one. */
function sendReceipts(url: string, receipt?: WaitingReceipt | null): Promise<void> {
  keepReceipt(url, receipt);
  return send(url, receipt);
}

const PREFIX = 'consent-banner:receipts:';

/** A new receiver of its own, as the absolute URL the element passes. */
const newEndpoint = () => new URL(`/__receipts/effects-${crypto.randomUUID()}`, location.href).href;

/** From now on the receiver answers every POST with `status`. */
async function answerWith(url: string, status: number): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body: String(status) });
  expect(response.status).to.equal(204);
}

/** What the receiver got so far, in order: each request's Content-Type and parsed body. */
async function received(url: string): Promise<{ type: string; receipt: Receipt }[]> {
  const posts = (await (await fetch(url)).json()) as { type: string; body: string }[];
  return posts.map(({ type, body }) => ({ type, receipt: JSON.parse(body) as Receipt }));
}

const receivedIds = async (url: string) => (await received(url)).map((p) => p.receipt.id);

/** The receipts waiting for `url` in localStorage; `null` when nothing is kept. */
function waiting(url: string): unknown {
  const value = localStorage.getItem(PREFIX + url);
  return value === null ? null : (JSON.parse(value) as unknown);
}

let serial = 0;
function receipt(overrides: Partial<Receipt> = {}): Receipt {
  serial += 1;
  return {
    schema: 1,
    id: `Receipt_${serial}_${crypto.randomUUID().slice(0, 8)}`,
    decidedAt: '2025-11-22T08:26:40.000Z',
    revision: 3,
    granted: ['necessary', 'logs', 'analytics'],
    denied: ['preferences'],
    method: 'custom',
    lang: 'th',
    url: 'https://www.example.go.th/privacy',
    ...overrides,
  };
}

function clearWaiting(): void {
  for (const key of Object.keys(localStorage))
    if (key.startsWith(PREFIX)) localStorage.removeItem(key);
}

describe('sendReceipts', () => {
  beforeEach(clearWaiting);
  afterEach(clearWaiting);

  describe('a receiver that confirms', () => {
    it('posts the receipt as JSON, keeps it while on its way, and forgets it on a 201', async () => {
      const url = newEndpoint();
      const decision = receipt();

      const sent = sendReceipts(url, decision);
      expect(waiting(url), 'kept before the answer is in').to.deep.equal([decision]);
      await sent;

      expect(await received(url)).to.deep.equal([{ type: 'application/json', receipt: decision }]);
      expect(waiting(url), 'confirmed: nothing kept').to.equal(null);
    });

    it('takes a 200 (a receiver that had the id already) as confirmed too', async () => {
      const url = newEndpoint();
      await answerWith(url, 200);
      await sendReceipts(url, receipt());
      expect(waiting(url)).to.equal(null);
    });

    it('sends nothing when no receipt waits', async () => {
      const url = newEndpoint();
      await sendReceipts(url);
      await sendReceipts(url, null);
      expect(await received(url)).to.deep.equal([]);
      expect(waiting(url)).to.equal(null);
    });
  });

  describe('a receiver that is down', () => {
    for (const status of [503, 500, 408, 429]) {
      it(`keeps the receipt on a ${status}, sends it again on the next call, then forgets it`, async () => {
        const url = newEndpoint();
        const decision = receipt();
        await answerWith(url, status);

        await sendReceipts(url, decision);
        expect(waiting(url), 'not confirmed: kept').to.deep.equal([decision]);
        // Only this receipt arrived (Chromium itself may repeat a request answered 408).
        expect(new Set(await receivedIds(url))).to.deep.equal(new Set([decision.id]));
        const before = (await receivedIds(url)).length;

        await answerWith(url, 201);
        await sendReceipts(url); // the next page load: no new decision
        expect(await receivedIds(url), 'sent again, once').to.have.length(before + 1);
        expect(waiting(url)).to.equal(null);

        await sendReceipts(url);
        expect(await receivedIds(url), 'a confirmed receipt is never sent again').to.have.length(
          before + 1,
        );
      });
    }

    it('keeps the receipt when the receiver cannot be reached at all', async () => {
      // Nothing listens on port 9 (discard); Chromium refuses it before connecting anyway.
      const url = 'http://127.0.0.1:9/receipts';
      const decision = receipt();
      await sendReceipts(url, decision);
      expect(waiting(url)).to.deep.equal([decision]);
    });

    it('sends every waiting receipt with the next one, in one call, each once', async () => {
      const url = newEndpoint();
      const [first, second, third] = [receipt(), receipt(), receipt()];
      await answerWith(url, 503);
      await sendReceipts(url, first);
      await sendReceipts(url, second);
      expect(waiting(url)).to.deep.equal([first, second]);

      await answerWith(url, 201);
      await sendReceipts(url, third);

      expect((await receivedIds(url)).slice(3).sort()).to.deep.equal(
        [first.id, second.id, third.id].sort(),
      );
      expect(waiting(url)).to.equal(null);
    });

    it('keeps receipts per receiver: another receipt-url never gets them', async () => {
      const down = newEndpoint();
      const other = newEndpoint();
      await answerWith(down, 503);
      await sendReceipts(down, receipt());

      await sendReceipts(other);
      expect(await received(other)).to.deep.equal([]);
      expect(waiting(down)).to.have.length(1);
    });
  });

  describe('a receiver that refuses the receipt', () => {
    for (const status of [400, 413]) {
      it(`drops it on a ${status}, says so once, and never sends it again`, async () => {
        const url = newEndpoint();
        await answerWith(url, status);

        const warnings = await captureConsole('warn', () => sendReceipts(url, receipt()));

        expect(warnings).to.deep.equal([
          `[consent-banner] receipt-url answered ${status}: receipt dropped`,
        ]);
        expect(waiting(url)).to.equal(null);
        await sendReceipts(url);
        expect(await received(url)).to.have.length(1);
      });
    }

    it('drops a receipt that waited too, when the receiver refuses it', async () => {
      const url = newEndpoint();
      const old = receipt();
      await answerWith(url, 503);
      await sendReceipts(url, old);

      // Now the receiver refuses both: both are dropped, each with its own message.
      await answerWith(url, 400);
      const warnings = await captureConsole('warn', () => sendReceipts(url, receipt()));
      expect(warnings).to.have.length(2);
      expect(waiting(url)).to.equal(null);
      expect(await received(url)).to.have.length(3);
    });
  });

  describe('overlapping calls', () => {
    it('never post one receipt twice at once', async () => {
      const url = newEndpoint();
      const decision = receipt();

      // A decision, then two page-load style calls while its POST is still on its way.
      await Promise.all([sendReceipts(url, decision), sendReceipts(url), sendReceipts(url)]);

      expect(await receivedIds(url)).to.deep.equal([decision.id]);
      expect(waiting(url)).to.equal(null);
    });

    it('post two quick decisions once each and forget both', async () => {
      const url = newEndpoint();
      const [first, second] = [receipt(), receipt()];

      await Promise.all([sendReceipts(url, first), sendReceipts(url, second)]);

      expect((await receivedIds(url)).sort()).to.deep.equal([first.id, second.id].sort());
      expect(waiting(url)).to.equal(null);
    });
  });

  describe('a corrupt stored value', () => {
    for (const [what, value] of [
      ['not JSON', '[{"schema":1,'],
      ['JSON but not a list', '{"id":"Receipt_123456"}'],
      ['a JSON string', '"receipts"'],
    ]) {
      it(`(${what}) neither throws nor is sent, and a new receipt replaces it`, async () => {
        const url = newEndpoint();
        localStorage.setItem(PREFIX + url, value!);

        await sendReceipts(url); // resolves: nothing to send
        expect(await received(url)).to.deep.equal([]);

        await answerWith(url, 503);
        const decision = receipt();
        await sendReceipts(url, decision);
        expect(waiting(url), 'the corrupt value is gone').to.deep.equal([decision]);
        expect(await receivedIds(url)).to.deep.equal([decision.id]);
      });
    }

    it('(a list holding things that are not receipts) does not reject; the receipt among them is confirmed', async () => {
      const url = newEndpoint();
      const decision = receipt();
      localStorage.setItem(PREFIX + url, JSON.stringify([null, 5, 'x', { id: 7 }, decision]));

      let failure: unknown = null;
      await sendReceipts(url).catch((error: unknown) => {
        failure = error;
      });

      expect(failure, 'sendReceipts never rejects').to.equal(null);
      expect(await receivedIds(url)).to.deep.equal([decision.id]);
      expect(waiting(url), 'the receipt is confirmed and the rest is not kept').to.equal(null);
    });
  });

  describe('the words the visitor saw (schema 2)', () => {
    it('sends the hash of the words with the receipt, and the words once, when the store asks', async () => {
      const url = newEndpoint();
      // Words no other test sends: the store does not hold them yet.
      const texts = {
        acceptAll: 'ยอมรับทั้งหมด',
        'category.analytics.label': `สถิติ ${crypto.randomUUID()}`,
      };
      const fields = receipt();
      const wording = await wordingHash({ lang: 'th', texts });
      expect(wording).to.match(/^[0-9a-f]{24}$/);

      await sendReceipts(url, { ...fields, texts });
      expect(
        (await received(url)).map((p) => p.receipt),
        'the receipt with its wording, then the words',
      ).to.deep.equal([
        { ...fields, schema: 2, wording },
        { schema: 2, wording, lang: 'th', texts },
      ]);
      expect(waiting(url), 'confirmed: nothing kept').to.equal(null);

      // Another visitor who saw the same words: the store has them, they are not sent again.
      const next = { ...receipt(), texts };
      await sendReceipts(url, next);
      const posts = (await received(url)).map((p) => p.receipt);
      expect(posts).to.have.length(3);
      expect(posts[2]).to.deep.equal({ ...receipt({ id: next.id }), schema: 2, wording });
    });
  });
});
