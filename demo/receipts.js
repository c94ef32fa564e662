// The receipt lookup page (demo/receipts.html): asks the demo server for the receipts stored
// under a consent id (GET /receipts?store=…&id=…) and shows each as a table, in Thai and
// English. A module file, not inline: the demo runs under a strict CSP. Everything is written
// with textContent, never as HTML. `?id=…` in the page's URL looks that id up at once;
// `?store=…` reads another store than `demo` (the tests use their own).

const CONSENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** A whole cookie value of format 1 (docs/reference/cookie.md): its 5th field is the consent id. */
const COOKIE_VALUE = /^1\.\d+\.[^.]*\.[^.]*\.([A-Za-z0-9_-]{8,64})\.\d+\.[a-z]$/;

const METHODS = {
  'accept-all': ['ยอมรับทั้งหมด', 'Accept all'],
  'reject-all': ['ปฏิเสธทั้งหมด', 'Reject all'],
  custom: ['เลือกเองทีละรายการ', 'Chose each category'],
  gpc: ['สัญญาณ Global Privacy Control ของเบราว์เซอร์', "The browser's Global Privacy Control"],
  api: ['ตั้งค่าโดยสคริปต์ของเว็บไซต์ (API)', "Set by the site's own script (API)"],
};
const LANGS = { th: ['ภาษาไทย', 'Thai'], en: ['ภาษาอังกฤษ', 'English'] };

const params = new URLSearchParams(location.search);
const store = params.get('store') || 'demo';

const form = document.querySelector('[data-receipt-form]');
const input = form.elements.namedItem('id');
const status = document.querySelector('[data-receipt-status]');
const result = document.querySelector('[data-receipt-result]');

/** An element with children: strings become text, nothing is parsed as HTML. */
function h(tag, attributes, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) el.setAttribute(name, value);
  el.append(...children.flat());
  return el;
}

/** Thai text, then the English in its own `lang="en"` span. */
const both = (th, en) => [th, ' ', h('span', { lang: 'en' }, `· ${en}`)];

function say(th, en) {
  status.replaceChildren(...both(th, en));
}

/** The consent id in what was typed: the id itself, or a whole cookie value. */
function idFrom(text) {
  const value = text.trim().replace(/^consent=/, '');
  return COOKIE_VALUE.exec(value)?.[1] ?? value;
}

/** This browser's own consent id, from the `consent` cookie (5th field), or null. */
function ownId() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('consent='));
  if (!cookie) return null;
  let value;
  try {
    value = decodeURIComponent(cookie.slice('consent='.length));
  } catch {
    return null;
  }
  return COOKIE_VALUE.exec(value)?.[1] ?? null;
}

function time(iso) {
  const date = new Date(iso);
  if (typeof iso !== 'string' || Number.isNaN(date.getTime())) return String(iso);
  const thai = date.toLocaleString('th-TH', {
    dateStyle: 'long',
    timeStyle: 'medium',
    timeZone: 'Asia/Bangkok',
  });
  return [h('time', { datetime: iso }, h('code', {}, iso)), ` (${thai} เวลาประเทศไทย)`];
}

function ids(list) {
  if (!Array.isArray(list) || list.length === 0) return both('ไม่มี', 'none');
  return list.flatMap((id, i) => [i ? ', ' : '', h('code', {}, String(id))]);
}

const labelled = (table, key) => {
  const [th, en] = table[key] ?? [String(key), String(key)];
  return [`${key} — `, ...both(th, en)];
};

function receiptTable(receipt, index, count) {
  const rows = [
    [['รหัสความยินยอม', 'Consent id'], h('code', {}, String(receipt.id))],
    [['เวลาที่ผู้เข้าชมเลือก', 'Decided at (UTC)'], time(receipt.decidedAt)],
    [['เวลาที่เซิร์ฟเวอร์ได้รับ', 'Received at (UTC)'], time(receipt.receivedAt)],
    [['ฉบับของนโยบาย', 'Policy revision'], String(receipt.revision)],
    [['อนุญาต', 'Granted'], ids(receipt.granted)],
    [['ไม่อนุญาต', 'Denied'], ids(receipt.denied)],
    [['วิธีที่เลือก', 'Method'], labelled(METHODS, receipt.method)],
    [['ภาษาของแบนเนอร์', 'Banner language'], labelled(LANGS, receipt.lang)],
    [['หน้าเว็บ', 'Page'], h('code', {}, String(receipt.url))],
    [['รูปแบบใบยืนยัน', 'Receipt schema'], String(receipt.schema)],
  ];
  const caption =
    count > 1
      ? both(`ใบยืนยันฉบับที่ ${index + 1} จาก ${count}`, `Receipt ${index + 1} of ${count}`)
      : both('ใบยืนยันความยินยอม', 'Consent receipt');
  return h(
    'table',
    { class: 'receipt-table' },
    h('caption', {}, caption),
    h(
      'tbody',
      {},
      rows.map(([[th, en], value]) =>
        h('tr', {}, h('th', { scope: 'row' }, both(th, en)), h('td', {}, value)),
      ),
    ),
  );
}

/** The newest lookup; an older answer that arrives late is dropped. */
let latest = 0;

async function lookUp(id) {
  const lookup = ++latest;
  result.replaceChildren();
  if (!CONSENT_ID.test(id)) {
    input.setAttribute('aria-invalid', 'true');
    say(
      'รหัสความยินยอมต้องยาว 8–64 ตัว และมีแต่ A–Z a–z 0–9 _ -',
      'A consent id is 8 to 64 of A–Z a–z 0–9 _ -.',
    );
    return;
  }
  input.removeAttribute('aria-invalid');
  say('กำลังค้นหา…', 'Looking up…');

  let receipts;
  try {
    const response = await fetch(`/receipts?${new URLSearchParams({ store, id })}`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    receipts = await response.json();
  } catch (error) {
    if (lookup === latest) say('ค้นหาไม่สำเร็จ', `The lookup failed: ${error.message}`);
    return;
  }
  if (lookup !== latest) return;

  if (!Array.isArray(receipts) || receipts.length === 0) {
    say(`ไม่พบใบยืนยันของรหัส ${id}`, `No receipt with this id.`);
    return;
  }
  const n = receipts.length;
  say(`พบใบยืนยัน ${n} ฉบับของรหัส ${id}`, n === 1 ? 'One receipt found.' : `${n} receipts found.`);
  result.replaceChildren(...receipts.map((r, i) => receiptTable(r, i, n)));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const id = idFrom(input.value);
  input.value = id;
  // The address names the id, so a lookup can be bookmarked or sent on.
  const query = new URLSearchParams(location.search);
  query.set('id', id);
  history.replaceState(null, '', `?${query}`);
  void lookUp(id);
});

const own = ownId();
if (own) {
  document.querySelector('[data-own-id]').hidden = false;
  document.querySelector('[data-use-own-id]').addEventListener('click', () => {
    input.value = own;
    form.requestSubmit();
  });
}

const wanted = params.get('id');
if (wanted !== null) {
  input.value = idFrom(wanted);
  void lookUp(input.value);
}
