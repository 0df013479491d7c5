// The NCCI PTP edits as ClaimNote keeps them at full size: read piece by piece (the reader gives
// the same edits and the same bad rows by line however the text is cut, quoted rows and lone CR
// line ends included), packed in a table whose pairs of a claim's codes are those in force on its
// date of service, and loaded by loadDataFolderAsync in steps that let other work run between them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { PtpReader, PtpTable, readPtp, loadDataFolder, loadDataFolderAsync, PIECE_BYTES } = require('../../server/out/interchange.js');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = readFileSync(join(root, 'test', 'fixtures', 'cms', 'ccipra_v321r0_f1.txt'), 'utf8');
const tmp = (t) => {
  const d = mkdtempSync(join(tmpdir(), 'claimnote-ptp-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
};
const HEADER = 'Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date\tModifier\tPTP Edit Rationale\n';

/** The text read by a reader fed in pieces of `size` characters. */
function inPieces(text, size) {
  const table = new PtpTable();
  const reader = new PtpReader(table);
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  const { rows, unreadable } = reader.end();
  return { edits: table.toArray(), rows, unreadable };
}

test('PTP reader: the same edits and bad rows whatever the pieces, with CRLF, lone CR, quotes and lower case', () => {
  const whole = readPtp(fixture);
  const expected = { edits: whole.table.toArray(), rows: whole.rows, unreadable: whole.unreadable };
  assert.equal(expected.rows, 4);
  for (const size of [1, 2, 3, 7, 50, 1000]) assert.deepEqual(inPieces(fixture, size), expected, `pieces of ${size}`);
  // CRLF cut between its CR and LF, and lone CRs: the same lines
  for (const eol of ['\r\n', '\r'])
    for (const size of [1, 5, 64])
      assert.deepEqual(inPieces(fixture.replace(/\n/g, eol), size), expected, `${JSON.stringify(eol)} in ${size}`);
  // rows the general reader reads: quoted cells (one with a line break inside), a lower-case code
  const text =
    HEADER +
    '20552\t"20550"\t\t20020101\t*\t1\t"Misuse, ""quoted"""\n' +
    '20553\t20552\t\t20020101\t*\t0\t"two\nlines"\n' +
    'x0552\t96372\t\t20020101\t*\t1\tlower case\n' +
    '20552\t20560\t\t20020101\t00000000\t1\tno such day\n';
  for (const size of [1, 4, 1000]) {
    const r = inPieces(text, size);
    assert.deepEqual(
      r.edits.map((e) => [e.column1, e.column2, e.rationale]),
      [
        ['20552', '20550', 'Misuse, "quoted"'],
        ['20553', '20552', 'two\nlines'],
        ['X0552', '96372', 'lower case'],
      ],
    );
    assert.deepEqual(
      r.unreadable.map((u) => [u.line, u.why]),
      [[6, 'deletion date "00000000" is not a YYYYMMDD date or *']],
    );
  }
});

test("PTP reader: control and non-ASCII characters at a cell's edge are read alike with or without quotes nearby", () => {
  // (the row right after the header is a second header row unless it starts with a code: a good one first)
  const rows =
    '20552\t20550\t\t20200101\t*\t1\t\x01ctl\n\x0120552\t20553\t\t20200101\t*\t1\tX\n20552\t96372\t\t20200101\t*\t1\t\u00a0nbsp\u00a0\n';
  const plain = inPieces(HEADER + rows, 1000);
  const quoted = inPieces(HEADER + rows + '20553\t20552\t\t20200101\t*\t0\t"q"\n', 1000);
  assert.deepEqual(quoted.edits.slice(0, plain.edits.length), plain.edits);
  assert.deepEqual(quoted.unreadable, plain.unreadable);
  // as trim() reads them: the NBSPs go, the control characters stay (so \x0120552 is not a code)
  assert.deepEqual(
    plain.edits.map((e) => e.rationale),
    ['\x01ctl', 'nbsp'],
  );
  assert.deepEqual(
    plain.unreadable.map((u) => u.line),
    [3],
  );
});

test('PTP reader: a quote that never closes is one bad row from its line, and the header is required', () => {
  const r = inPieces(
    HEADER + '20552\t20550\t\t20020101\t*\t1\tok\n20553\t"open\t\t20020101\t*\t1\tx\n20553\t20552\t\t20020101\t*\t0\ty\n',
    9,
  );
  assert.equal(r.rows, 1);
  assert.deepEqual(
    r.unreadable.map((u) => [u.line, u.why]),
    [[3, 'a quoted field is not closed before the end of the file']],
  );
  assert.throws(() => readPtp('Code\tOther\n20552\t20550\n'), /no header row with Column 1 and Column 2/);
  assert.throws(
    () => readPtp('Column 1\tColumn 2\tEffective Date\n20552\t20550\t20020101\n'),
    /no column for prior, deletion, modifier, rationale/,
  );
});

test('PTP table: pairs of a claim’s codes in force on the date of service, at the edges of effective and deletion dates', () => {
  const t = new PtpTable();
  t.add('20552', '20550', false, 20200101, 0, 1, 'a');
  t.add('20552', '96372', true, 20200101, 20251231, 1, 'b');
  t.add('20553', '20552', false, 20260101, 0, 0, 'c');
  t.add('20552', '20552', false, 20200101, 0, 0, 'same code');
  t.add('96372', '20550', false, 20200101, 0, 1, 'd');
  const pairs = (codes, iso) => t.pairsAmong(codes, iso).map((e) => `${e.column1}/${e.column2}`);
  assert.deepEqual(
    pairs(['20552', '20550', '96372'], '2025-12-31'),
    ['20552/20550', '20552/96372', '96372/20550'],
    'deleted on that day: still in force',
  );
  assert.deepEqual(pairs(['20552', '20550', '96372'], '2026-01-01'), ['20552/20550', '96372/20550'], 'deleted the day before');
  assert.deepEqual(pairs(['20553', '20552'], '2025-12-31'), [], 'effective the next day');
  assert.deepEqual(pairs(['20553', '20552'], '2026-01-01'), ['20553/20552'], 'effective that day');
  assert.deepEqual(pairs(['20552'], '2026-01-01'), [], 'one code: no pair, not even with itself');
  assert.deepEqual(pairs(['20552', 'J3301', 'bad', ''], '2026-01-01'), [], 'codes the table has not seen');
  assert.deepEqual(t.edit(1), {
    column1: '20552',
    column2: '96372',
    prior1996: true,
    effective: '2020-01-01',
    deleted: '2025-12-31',
    modifier: 1,
    rationale: 'b',
  });
  // an edit added after a query is found by the next one
  t.add('20553', '20550', false, 20200101, 0, 1, 'e');
  assert.deepEqual(pairs(['20553', '20550'], '2026-01-01'), ['20553/20550']);
});

test('a PTP file of many pieces: rows across piece boundaries, bad rows by line; the steps of loadDataFolderAsync let other work run', async (t) => {
  const d = tmp(t);
  const rows = [];
  for (let i = 0; rows.join('\n').length < 3 * PIECE_BYTES; i++)
    rows.push(`${20000 + (i % 5000)}\t${30000 + i}\t\t20200101\t*\t${i % 2}\tRationale ${i % 3}`);
  const bad = rows.length - 10;
  rows[bad] = rows[bad].replace('20200101', '2020-01-01');
  writeFileSync(join(d, 'ccipra_v321r0_f1.txt'), 'Notice\r\n\r\n' + HEADER.replace('\n', '\r\n') + rows.join('\r\n') + '\r\n');
  const sync = loadDataFolder(d);
  assert.equal(sync.ptp.size, rows.length - 1);
  assert.deepEqual(
    sync.files[0].unreadable.map((u) => [u.line, u.why]),
    [[bad + 4, 'effective date "2020-01-01" is not a YYYYMMDD date']],
  );
  assert.equal(sync.ptp.edit(rows.length - 2).column2, String(30000 + rows.length - 1));
  let turns = 0;
  let going = true;
  const tick = () => {
    turns++;
    if (going) setImmediate(tick);
  };
  setImmediate(tick);
  const loaded = await loadDataFolderAsync(d);
  going = false;
  assert.ok(turns >= 3, `other work ran ${turns} times during the load`);
  assert.deepEqual(loaded.ptp.toArray(), sync.ptp.toArray());
  assert.deepEqual(loaded.files, sync.files);
  const abort = new AbortController();
  const stopped = loadDataFolderAsync(d, {}, abort.signal);
  abort.abort(new Error('a newer load'));
  await assert.rejects(stopped, /a newer load/);
  // an aborted load closes the file it was reading (on Linux, the open files are listed in /proc)
  if (existsSync('/proc/self/fd')) {
    const open = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).includes('ccipra');
        } catch {
          return false;
        }
      }).length;
    for (let k = 0; k < 5; k++) {
      const a = new AbortController();
      const p = loadDataFolderAsync(d, {}, a.signal);
      await new Promise((r) => setImmediate(r));
      a.abort(new Error('stop'));
      await assert.rejects(p, /stop/);
    }
    assert.equal(open(), 0);
  }
  // the same file with lone CRs for line ends (no LF at all): the same edits, read in pieces
  const cr = tmp(t);
  writeFileSync(join(cr, 'ccipra_v321r0_f1.txt'), readFileSync(join(d, 'ccipra_v321r0_f1.txt'), 'utf8').replace(/\r\n/g, '\r'));
  const fromCr = loadDataFolder(cr);
  assert.deepEqual(fromCr.ptp.toArray(), sync.ptp.toArray());
  assert.deepEqual(
    fromCr.files[0].unreadable,
    sync.files[0].unreadable.map((u) => ({ ...u })),
  );
});
