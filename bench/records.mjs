// `npm run bench:records`: the receipt store (openReceiptStore, the built dist/server.js) under
// load and under faults, into the embedded store (PGlite, a directory on disk) and into a real
// PostgreSQL started for the run (fsync on). A benchmark, not a test: it prints a table, writes
// bench/records-results.json, and asserts nothing but its own bookkeeping. Loopback only.
//   --quick        3 s of load and 100,000 rows per store: a smoke test of the bench itself
//   --seconds N    seconds of load per store (default 10)
//   --rows-embedded N, --rows-postgres N   rows for the look-up at scale (default 1,000,000
//                  and 10,000,000)
// See bench/README.md "Records".
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { format, resolveConfig } from 'prettier';
import { openReceiptStore } from 'consent-banner/server';
import { POSTGRES_HINT, startPostgres } from '../test/support/postgres.mjs';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    'rows-embedded': { type: 'string' },
    'rows-postgres': { type: 'string' },
  },
});
const SECONDS = Number(args.seconds ?? (args.quick ? 3 : 10));
const ROWS = {
  embedded: Number(args['rows-embedded'] ?? (args.quick ? 100_000 : 1_000_000)),
  postgres: Number(args['rows-postgres'] ?? (args.quick ? 100_000 : 10_000_000)),
};
/** Receipts the fault runs send, and the clients sending them at once. */
const FAULT_RECEIPTS = args.quick ? 2000 : 6000;
const FAULT_CLIENTS = 16;
const CONNECTIONS = 20;
const RECEIVER = fileURLToPath(new URL('./records-receiver.mjs', import.meta.url));
const RESULTS = fileURLToPath(new URL('./records-results.json', import.meta.url));

/** A receipt as the banner makes one: a fresh consent id, decided in the last 30 days. */
function receipt() {
  const granted = ['necessary', 'logs'];
  const denied = [];
  for (const id of ['preferences', 'analytics']) (Math.random() < 0.5 ? granted : denied).push(id);
  const decidedAt = new Date(Date.now() - Math.floor(Math.random() * 30 * 86_400_000));
  return {
    schema: 1,
    id: randomBytes(16).toString('base64url'),
    decidedAt: new Date(Math.floor(decidedAt.getTime() / 1000) * 1000).toISOString(),
    revision: 3,
    granted,
    denied,
    method: denied.length ? (granted.length > 2 ? 'custom' : 'reject-all') : 'accept-all',
    lang: Math.random() < 0.8 ? 'th' : 'en',
    url: 'https://www.sso.go.th/wpr/main/privacy',
  };
}

/** The receiver in a process of its own, on `port` (0: a free one). */
async function startReceiver(store, { port = 0, bodyTimeoutMs = 10_000 } = {}) {
  const child = spawn(process.execPath, [RECEIVER], {
    env: {
      ...process.env,
      STORE: store,
      PORT: String(port),
      BODY_TIMEOUT_MS: String(bodyTimeoutMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  let output = '';
  const listening = await new Promise((done, fail) => {
    const read = (chunk) => {
      output += chunk;
      const found = /listening on (\d+)/.exec(output);
      if (found) done(Number(found[1]));
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => fail(new Error(`the receiver exited (${code}):\n${output}`)));
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  return {
    port: listening,
    origin: `http://127.0.0.1:${listening}`,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Rows in the store's table, and how many ids appear more than once (the store closed). */
async function tally(url, ids) {
  const store = await openReceiptStore(url);
  try {
    const lines = [];
    for await (const chunk of store.export()) lines.push(...chunk.split('\n').filter(Boolean));
    const stored = lines.map((line) => JSON.parse(line).id);
    const seen = new Set(stored);
    const wanted = ids ? new Set(ids) : seen;
    return {
      rows: stored.length,
      twice: stored.length - seen.size,
      lost: [...wanted].filter((id) => !seen.has(id)).length,
    };
  } finally {
    await store.close();
  }
}

/** Receipts a second held, with latency, under autocannon; some duplicates and bad bodies. */
async function throughput(url) {
  const receiver = await startReceiver(url);
  const sent = [];
  const result = await autocannon({
    url: `${receiver.origin}/receipts`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { origin: receiver.origin, 'content-type': 'application/json' },
        setupRequest(request) {
          const roll = Math.random();
          let body;
          // 5 % sent again (an answer the banner did not get), 5 % not a receipt.
          if (roll < 0.05 && sent.length)
            body = JSON.stringify(sent[Math.floor(Math.random() * sent.length)]);
          else if (roll < 0.1) body = '{"schema":1,"id":';
          else {
            const one = receipt();
            sent.push(one);
            body = JSON.stringify(one);
          }
          return { ...request, body };
        },
      },
    ],
  });
  await receiver.stop();
  const status = (code) => Number(result.statusCodeStats?.[code]?.count ?? 0);
  const counts = await tally(url);
  return {
    seconds: result.duration,
    requests: result.requests.total,
    stored201: status(201),
    again200: status(200),
    refused400: status(400),
    other: result.requests.total - status(201) - status(200) - status(400),
    errors: result.errors,
    receiptsPerSecond: Math.round(status(201) / result.duration),
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    rowsStored: counts.rows,
    storedTwice: counts.twice,
  };
}

/** What is not a receipt: each answered 4xx, none stored. */
async function badInput(url) {
  const before = (await tally(url)).rows;
  const receiver = await startReceiver(url, { bodyTimeoutMs: 1000 });
  const post = (body) =>
    fetch(`${receiver.origin}/receipts`, {
      method: 'POST',
      headers: { origin: receiver.origin, 'content-type': 'application/json' },
      body,
    }).then((r) => r.status);
  const oversize = JSON.stringify({
    ...receipt(),
    url: `https://www.sso.go.th/${'a'.repeat(20_000)}`,
  });
  const answers = {
    'over 8,192 bytes': await post(oversize),
    'wrong JSON': await post('{"schema":1,'),
    'not a receipt': await post(JSON.stringify({ ...receipt(), granted: ['analytics'] })),
    'slow client (10 bytes, then nothing)': await slowClient(receiver.port, receiver.origin),
    'another site': await fetch(`${receiver.origin}/receipts`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(receipt()),
    }).then((r) => r.status),
  };
  await receiver.stop();
  return { answers, storedByThem: (await tally(url)).rows - before };
}

/** Sends the headers of a receipt and 10 bytes of its body, then nothing: the status it gets. */
function slowClient(port, origin) {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      answer += chunk;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        socket.destroy();
        done(Number(status[1]));
      }
    });
    socket.on('error', fail);
    socket.write(
      `POST /receipts HTTP/1.1\r\nHost: ${origin.slice(7)}\r\nOrigin: ${origin}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 300\r\n\r\n{"schema":',
    );
  });
}

/**
 * FAULT_RECEIPTS receipts from FAULT_CLIENTS clients that send each one again until it is
 * confirmed (a 2xx), as the banner does. A third of the way in, the receiver is killed (-9) and
 * started again; two thirds in, `restartDatabase` (if given) restarts PostgreSQL at once. The
 * faults come from a watcher of their own, at any moment of the clients' requests: the clients
 * know nothing of them, as a visitor's browser knows nothing.
 */
async function faults(url, restartDatabase) {
  let receiver = await startReceiver(url);
  const port = receiver.port;
  const all = Array.from({ length: FAULT_RECEIPTS }, receipt);
  const pending = [...all];
  const confirmed = new Set();
  const answers = { 201: 0, 200: 0, retried: 0 };
  const events = [];
  const reach = async (count) => {
    while (confirmed.size < count) await delay(2);
  };
  const watcher = (async () => {
    await reach(FAULT_RECEIPTS / 3);
    await receiver.kill();
    events.push(`receiver killed (-9) after ${confirmed.size} confirmed`);
    receiver = await startReceiver(url, { port });
    events.push('receiver started again');
    if (!restartDatabase) return;
    await reach((2 * FAULT_RECEIPTS) / 3);
    events.push(`PostgreSQL stopped at once (immediate) after ${confirmed.size} confirmed`);
    await restartDatabase();
    events.push('PostgreSQL back');
  })();

  async function client() {
    while (pending.length) {
      const one = pending.shift();
      try {
        const response = await fetch(`http://127.0.0.1:${port}/receipts`, {
          method: 'POST',
          headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' },
          body: JSON.stringify(one),
        });
        await response.text();
        if (response.status === 201 || response.status === 200) {
          answers[response.status]++;
          confirmed.add(one.id);
        } else if (response.status >= 500 || response.status === 408 || response.status === 429) {
          throw new Error(String(response.status));
        } else throw new Error(`refused a good receipt: ${response.status}`);
      } catch (error) {
        if (/refused a good receipt/.test(error.message)) throw error;
        // No answer (the receiver is down, the connection broke) or "try later": again.
        answers.retried++;
        pending.push(one);
        await delay(20);
      }
    }
  }
  await Promise.all(Array.from({ length: FAULT_CLIENTS }, client));
  await watcher;
  await receiver.stop();
  const counts = await tally(
    url,
    all.map((r) => r.id),
  );
  return {
    receipts: FAULT_RECEIPTS,
    confirmed: confirmed.size,
    answered201: answers[201],
    answered200: answers[200],
    retried: answers.retried,
    events,
    lost: counts.lost,
    storedTwice: counts.twice,
  };
}

/** Fills the store's table to `rows` inside the database, in batches of a million. */
async function seed(query, rows, already) {
  for (let start = already + 1; start <= rows; start += 1_000_000) {
    const end = Math.min(rows, start + 999_999);
    await query(
      `insert into consent_receipts (id, schema, decided_at, revision, method, lang, url, granted, denied)
       select 'seed-' || g, 1, timestamptz '2024-01-01' + ((g::bigint * 7919) % 31536000) * interval '1 second', 3,
         (array['accept-all','reject-all','custom','gpc','api'])[1 + g % 5],
         case when g % 5 = 0 then 'en' else 'th' end, 'https://www.sso.go.th/',
         case when g % 5 in (0, 2) then array['necessary','logs','preferences','analytics']
              else array['necessary','logs'] end,
         case when g % 5 in (0, 2) then array[]::text[] else array['preferences','analytics'] end
       from generate_series(${start}, ${end}) as g`,
    );
  }
}

/** Look-ups by id and one day's counts on a store of `rows` records. */
async function atScale(url, rows, direct) {
  const started = Date.now();
  const store0 = await openReceiptStore(url);
  await store0.close();
  const have = Number((await direct(`select count(*)::int as n from consent_receipts`))[0].n);
  await direct(`delete from consent_receipts where id like 'seed-%'`);
  await seed(direct, rows, 0);
  await direct('analyze consent_receipts');
  const seedSeconds = (Date.now() - started) / 1000;
  const store = await openReceiptStore(url);
  try {
    const ids = Array.from({ length: 200 }, () => `seed-${1 + Math.floor(Math.random() * rows)}`);
    const lookups = [];
    for (const id of ids) {
      const t = performance.now();
      const found = await store.get(id);
      lookups.push(performance.now() - t);
      if (!found) throw new Error(`seeded ${id} not found`);
    }
    const days = [];
    for (let i = 0; i < 20; i++) {
      const from = new Date(Date.UTC(2024, 0, 2 + i * 17));
      const t = performance.now();
      const [day] = await store.counts({ from, to: new Date(from.getTime() + 86_400_000) });
      days.push(performance.now() - t);
      if (!day?.total) throw new Error(`no counts for ${from.toISOString()}`);
    }
    return {
      rows: rows + have,
      seedSeconds: Math.round(seedSeconds),
      lookupMedianMs: round(median(lookups)),
      lookupP99Ms: round(quantile(lookups, 0.99)),
      dayCountsMedianMs: round(median(days)),
    };
  } finally {
    await store.close();
  }
}

const round = (ms) => Math.round(ms * 100) / 100;
const quantile = (list, q) =>
  [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];
const median = (list) => quantile(list, 0.5);

async function embedded() {
  const dir = mkdtempSync(join(os.tmpdir(), 'consent-bench-'));
  const url = `file:${join(dir, 'records')}`;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const direct = async (sql) => {
      const db = await PGlite.create(join(dir, 'records'));
      try {
        return (await db.query(sql)).rows;
      } finally {
        await db.close();
      }
    };
    return {
      throughput: await throughput(url),
      badInput: await badInput(url),
      faults: await faults(url),
      scale: await atScale(url, ROWS.embedded, direct),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres() {
  const server = await startPostgres({ fsync: true });
  if (!server) throw new Error(POSTGRES_HINT);
  const { default: pg } = await import('pg');
  const direct = async (sql) => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  try {
    return {
      throughput: await throughput(server.url),
      badInput: await badInput(server.url),
      faults: await faults(server.url, () => server.restart()),
      scale: await atScale(server.url, ROWS.postgres, direct),
    };
  } finally {
    await server.stop();
  }
}

function print(name, r) {
  const t = r.throughput;
  console.log(`\n## ${name}`);
  console.log(
    `throughput: ${t.receiptsPerSecond} receipts/s stored (${t.requestsPerSecond} requests/s in all), ` +
      `p50 ${t.p50ms} ms, p99 ${t.p99ms} ms, ${CONNECTIONS} connections, ${t.seconds} s; ` +
      `answers 201 ${t.stored201}, 200 ${t.again200}, 400 ${t.refused400}, other ${t.other}, errors ${t.errors}; ` +
      `rows ${t.rowsStored}: the 201s and ${t.rowsStored - t.stored201} whose answer was on its way when the load stopped ` +
      `(at most ${CONNECTIONS}), stored twice ${t.storedTwice}`,
  );
  console.log(
    `bad input: ${Object.entries(r.badInput.answers)
      .map(([what, status]) => `${what} → ${status}`)
      .join('; ')}; stored by them: ${r.badInput.storedByThem}`,
  );
  const f = r.faults;
  console.log(
    `faults: ${f.events.join('; ')}. ${f.confirmed} of ${f.receipts} confirmed ` +
      `(201 ${f.answered201}, 200 ${f.answered200}, sent again ${f.retried}); lost ${f.lost}, stored twice ${f.storedTwice}`,
  );
  const s = r.scale;
  console.log(
    `scale: ${s.rows.toLocaleString('en')} rows (seeded in ${s.seedSeconds} s): look-up by id median ${s.lookupMedianMs} ms, ` +
      `p99 ${s.lookupP99Ms} ms; one day's counts median ${s.dayCountsMedianMs} ms`,
  );
}

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model,
  cores: os.cpus().length,
  seconds: SECONDS,
  embedded: await embedded(),
};
print('embedded (PGlite)', results.embedded);
results.postgres = await postgres();
print('PostgreSQL', results.postgres);
// Formatted as the repository formats JSON (it is committed, and `npm run lint` checks it).
const options = { ...(await resolveConfig(RESULTS)), filepath: RESULTS };
writeFileSync(RESULTS, await format(JSON.stringify(results), options));
console.log(`\nwritten: bench/records-results.json`);
