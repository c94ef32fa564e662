// The host page of the benchmark: a long Thai page of a public-sector site, the same for every
// system, so that the only difference between two pages is what `tail` adds at the end of
// <body> (a banner, or nothing for the baseline).

const THAI = [
  'สำนักงานให้บริการข้อมูลข่าวสารแก่ประชาชนตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540',
  'ท่านสามารถยื่นคำร้องขอข้อมูลได้ที่ศูนย์บริการร่วมในวันและเวลาราชการ หรือผ่านระบบออนไลน์',
  'ประกาศรายชื่อผู้มีสิทธิ์เข้ารับการคัดเลือกจะเผยแพร่บนเว็บไซต์นี้ภายในสิบห้าวันนับจากวันปิดรับสมัคร',
  'สมาชิกสหกรณ์ออมทรัพย์สามารถตรวจสอบยอดเงินฝากและเงินกู้ได้ด้วยตนเองตลอดยี่สิบสี่ชั่วโมง',
  'การจัดซื้อจัดจ้างทุกโครงการเป็นไปตามระเบียบกระทรวงการคลัง และเปิดเผยผลการพิจารณาต่อสาธารณะ',
  'หากพบปัญหาในการใช้งาน โปรดแจ้งเจ้าหน้าที่ผ่านแบบฟอร์มติดต่อ พร้อมระบุหมายเลขโทรศัพท์ที่ติดต่อกลับได้',
  'รายงานผลการดำเนินงานประจำปีงบประมาณจัดทำขึ้นเพื่อความโปร่งใสและตรวจสอบได้ของหน่วยงาน',
];
const ENGLISH = [
  'Opening hours are 08:30 to 16:30, Monday to Friday, except public holidays.',
  'The annual report is available in Thai and English as an accessible PDF.',
  'Members may update their contact details online after signing in.',
  'Procurement notices are published at least seven days before the closing date.',
];
const LINKS = [
  ['/services', 'บริการประชาชน'],
  ['/news', 'ข่าวประชาสัมพันธ์'],
  ['/procurement', 'ประกาศจัดซื้อจัดจ้าง'],
  ['/contact', 'ติดต่อเรา'],
  ['/en/', 'English'],
];

const link = ([href, text]) => `<a href="${href}">${text}</a>`;

/** Paragraph `i`: two Thai sentences and one English one; every third has a link. */
function paragraph(i) {
  const thai = `${THAI[i % THAI.length]} ${THAI[(i + 3) % THAI.length]}`;
  const english = ENGLISH[i % ENGLISH.length];
  const more = i % 3 === 0 ? ` ${link(LINKS[i % LINKS.length])}` : '';
  return `<p>${thai} <strong>${english}</strong>${more}</p>`;
}

/** Elements in a piece of our own markup (it has no `<` in its text). */
const countElements = (html) => (html.match(/<[a-z]/gi) ?? []).length;

/**
 * The main column, one string per piece: sections of five paragraphs, `paragraphs` of them, or
 * with `elements`, as many as make the page (`skeleton` elements around them) that big.
 */
function pieces({ paragraphs, elements, skeleton }) {
  const out = [];
  let count = skeleton;
  for (let i = 0; elements ? count < elements : i < paragraphs; i += 1) {
    let piece = (i % 5 === 0 ? `<h2>หัวข้อที่ ${i / 5 + 1}</h2>` : '') + paragraph(i);
    // Near the target, one-element rules fill the rest: a piece never overshoots it.
    if (elements && count + countElements(piece) > elements) piece = '<hr>';
    out.push(piece);
    count += countElements(piece);
  }
  return out;
}

/** `pieces` with `gated` gated scripts spread evenly between them (the rest at the end). */
function spread(pieces, gated) {
  const step = Math.max(1, Math.floor(pieces.length / Math.max(gated, 1)));
  const out = [];
  let left = gated;
  pieces.forEach((piece, i) => {
    out.push(piece);
    if (left > 0 && (i + 1) % step === 0) {
      out.push(GATED);
      left -= 1;
    }
  });
  return [...out, ...Array(left).fill(GATED)].join('\n');
}

/** What the growth pages gate: each run counts itself, so the bench sees when all have run. */
export const GATED =
  '<script type="text/plain" data-consent="analytics">window.__ran=(window.__ran||0)+1</script>';

function frame(main, tail) {
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>สำนักงานตัวอย่าง | หน้าแรก</title>
<style>
body { font: 16px/1.7 sans-serif; margin: 0 auto; max-width: 48rem; padding: 0 1rem; color: #222; }
nav a { margin-right: 1rem; }
</style>
</head>
<body>
<header><h1>สำนักงานตัวอย่างเพื่อการทดสอบ</h1><nav>${LINKS.map(link).join('')}</nav></header>
<main>
${main}
</main>
<footer><p>© 2568 สำนักงานตัวอย่าง ${link(['/privacy', 'นโยบายความเป็นส่วนตัว'])}</p></footer>
${tail}
</body>
</html>
`;
}

/**
 * The host page. `tail`: markup put at the very end of <body> (the banner's tags).
 * `paragraphs` (default 30), or `elements` for a page of that many elements, not counting
 * `tail` and the gated scripts; `gated`: how many gated scripts to spread through it.
 */
export function hostPage({ tail = '', paragraphs = 30, elements = 0, gated = 0 } = {}) {
  const skeleton = countElements(frame('', ''));
  return frame(spread(pieces({ paragraphs, elements, skeleton }), gated), tail);
}
