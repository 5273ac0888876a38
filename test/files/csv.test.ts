// CSV as files.md writes it: quoting, CRLF, the formula guard, CP932 bytes and the UTF-8 BOM option.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import iconv from "iconv-lite";
import { foldCp932, jisToWindows } from "../../src/domain/cp932-fold.ts";
import { CsvWriter, decodeCp932, guardFormula, quoteField, writeCsv, type CsvEncoding } from "../../src/files/csv.ts";

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (records: string[][]) => writeCsv(records, "utf-8").subarray(3).toString("utf8");

describe("quoting and line ends", () => {
  test("every field is in double quotes, comma-separated, each line ended by CRLF", () => {
    assert.equal(utf8([["a", "b", ""], ["1", "2", "3"]]), '"a","b",""\r\n"1","2","3"\r\n');
  });

  test("a quote inside a field is doubled", () => {
    assert.equal(quoteField('say "hi"'), '"say ""hi"""');
    assert.equal(utf8([['"', 'a""b']]), '"""","a""""b"\r\n');
  });

  test("commas and line breaks stay inside the quotes", () => {
    assert.equal(utf8([["a,b", "x\ny"]]), '"a,b","x\ny"\r\n');
  });

  test("a library parser reads back exactly what was written (formula cells with their guard)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "grapheme" }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (records) => {
        const back = parse(writeCsv(records, "utf-8"), { bom: true, relax_column_count: true }) as string[][];
        assert.deepEqual(back, records.map((r) => r.map(guardFormula)));
      }),
    );
  });
});

describe("formula guard", () => {
  for (const [name, start] of [["=", "="], ["+", "+"], ["-", "-"], ["@", "@"], ["tab", "\t"], ["CR", "\r"]] as const) {
    test(`a cell starting with ${name} gets a leading '`, () => {
      assert.equal(guardFormula(`${start}SUM(1)`), `'${start}SUM(1)`);
      assert.equal(utf8([[`${start}1+1`]]), `"'${start}1+1"\r\n`);
    });
  }

  test("other cells are left alone, whatever they contain later", () => {
    for (const value of ["", "SUM(1)", "a=b", "1+1", " =1", "'=1", "０", "＝1", "03-1234-5678"]) assert.equal(guardFormula(value), value);
  });

  test("the guard comes before the quoting: a formula with quotes keeps both", () => {
    assert.equal(quoteField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  });
});

describe("Shift_JIS (CP932)", () => {
  test("①, ～, 髙 and half-width kana are written as Windows writes them", () => {
    const bytes = writeCsv([["①～髙ｱ"]], "shift_jis");
    assert.deepEqual([...bytes], [0x22, 0x87, 0x40, 0x81, 0x60, 0xfb, 0xfc, 0xb1, 0x22, 0x0d, 0x0a]);
  });

  test("the CP932 specials round-trip: decoding the file gives the text back", () => {
    const corpus = ["①②⑳", "～", "髙橋", "㈱センター", "ｱｲｳｴｵ ｶﾞﾊﾟ", "纊", "ⅰⅱ", "∥", "－", "―", "￢", "ABC abc 123"];
    const text = decodeCp932(writeCsv([corpus], "shift_jis"));
    assert.equal(text, `${corpus.map((c) => `"${c}"`).join(",")}\r\n`);
  });

  test("a Mac's wave dash (U+301C) and its JIS relatives come out as the Windows characters, not ?", () => {
    assert.deepEqual(writeCsv([["〜"]], "shift_jis"), writeCsv([["～"]], "shift_jis"));
    assert.equal(decodeCp932(writeCsv([["1〜3 ‖ −5 — ¢£¬"]], "shift_jis")), '"1～3 ∥ －5 ― ￠￡￢"\r\n');
  });

  test("a character Shift_JIS has no code for becomes ?", () => {
    assert.equal(decodeCp932(writeCsv([["a😀b"]], "shift_jis")), '"a?b"\r\n');
  });

  test("no BOM in a Shift_JIS file", () => {
    assert.notDeepEqual(writeCsv([["a"]], "shift_jis").subarray(0, 3), bom);
  });

  test("field by field encoding gives the same bytes as encoding the whole text", () => {
    const alphabet = fc.constantFrom(..."aZ09 ,\"=-+@\t\r\nあア亜ｱ①～髙㈱纊ⅰ∥－￢★".split(""));
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: alphabet, maxLength: 12 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        const text = records.map((r) => `${r.map(quoteField).join(",")}\r\n`).join("");
        assert.deepEqual(writeCsv(records, "shift_jis"), iconv.encode(text, "cp932"));
      }),
    );
  });
});

describe("the CP932 fold (JIS code points taken as Windows' ones)", () => {
  const jis = "〜‖−¢£¬—";
  const windows = "～∥－￠￡￢―";

  test("each JIS code point becomes the Windows one of its cell; the rest of the text is untouched", () => {
    assert.equal(foldCp932(jis), windows);
    assert.equal(foldCp932(`営業${jis}部 abc ~-|`), `営業${windows}部 abc ~-|`);
    assert.equal(foldCp932(windows), windows, "Windows' code points stay");
    assert.equal(foldCp932("①髙ｱ＼\\"), "①髙ｱ＼\\");
    assert.equal(foldCp932(""), "");
  });

  test("the fold is what a Shift_JIS file gives back: decode(encode(x)) = fold(x), and x, fold(x) are the same bytes", () => {
    assert.deepEqual(Object.keys(jisToWindows).sort(), [...jis].sort());
    for (const [from, to] of Object.entries(jisToWindows)) {
      const bytes = writeCsv([[from]], "shift_jis");
      assert.deepEqual(bytes, writeCsv([[to]], "shift_jis"), from);
      assert.deepEqual(bytes.subarray(1, -3), iconv.encode(to, "cp932"), `${from} is written as the two bytes of ${to}`);
      assert.equal(bytes.length, 6, `${from}: quotes, one two-byte cell, CRLF: no ?`);
    }
    const alphabet = fc.constantFrom(...`aZ09 ~-あア亜ｱ①髙${jis}${windows}`.split(""));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 20 }), (text) => {
        assert.equal(decodeCp932(writeCsv([[text]], "shift_jis")), `"${foldCp932(guardFormula(text))}"\r\n`);
        assert.equal(foldCp932(foldCp932(text)), foldCp932(text));
      }),
    );
  });
});

describe("UTF-8 with a BOM", () => {
  test("starts with EF BB BF, then the text in UTF-8", () => {
    const bytes = writeCsv([["髙橋", "①"]], "utf-8");
    assert.deepEqual(bytes.subarray(0, 3), bom);
    assert.equal(bytes.subarray(3).toString("utf8"), '"髙橋","①"\r\n');
  });

  test("keeps what Shift_JIS can't hold", () => {
    assert.equal(utf8([["〜😀"]]), '"〜😀"\r\n');
  });
});

describe("chunks", () => {
  for (const encoding of ["shift_jis", "utf-8"] as CsvEncoding[]) {
    test(`${encoding}: small chunks put together are the same file as one chunk`, () => {
      const records = Array.from({ length: 300 }, (_, i) => [`id${i}`, `髙橋 ${i}`, i % 7 === 0 ? "=1" : "営業部", "①～"]);
      const w = new CsvWriter(encoding, 256);
      const chunks: Buffer[] = [];
      for (const r of records) {
        w.record(r);
        if (w.full) chunks.push(w.take());
      }
      chunks.push(w.take());
      assert.ok(chunks.length > 10);
      assert.ok(chunks.every((c) => c.length > 0));
      assert.deepEqual(Buffer.concat(chunks), writeCsv(records, encoding));
    });
  }

  test("a line longer than the chunk buffer still fits", () => {
    const long = "髙".repeat(50_000);
    const w = new CsvWriter("utf-8", 1024);
    w.record([long]);
    assert.equal(w.take().subarray(3).toString("utf8"), `"${long}"\r\n`);
  });
});
