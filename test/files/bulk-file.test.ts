// The bulk registration file (files.md "Bulk registration"): a corpus of files built here, each with the exact
// codes and lines it must give; CP932 specials, UTF-8 recognised as such, every error of a file listed.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import iconv from "iconv-lite";
import { cp932NameResolver } from "../../src/domain/cp932-fold.ts";
import { bulkHeaders, bulkTemplate, decodeCp932Line, parseBulkFile, tokenizeLine } from "../../src/files/bulk-file.ts";
import { writeCsv } from "../../src/files/csv.ts";

/** Shift_JIS as Windows writes it (CP932), via iconv-lite. */
const sjis = (text: string) => iconv.encode(text, "cp932");
const utf8 = (text: string) => Buffer.from(text, "utf8");
const crlf = (...lines: string[]) => lines.map((l) => `${l}\r\n`).join("");
const q = (...fields: string[]) => fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(",");

const vpnHeader = q(...bulkHeaders.VPN);
const huntHeader = q(...bulkHeaders.HUNT);
const pickupHeader = q(...bulkHeaders.PICKUP);

/** [line, code] of every error, in the order reported. */
function codes(fileName: string, bytes: Uint8Array): [number | null, string][] {
  return parseBulkFile(fileName, bytes).errors.map((e) => [e.line, e.code]);
}

describe("valid files", () => {
  test("VPN: each line a subscriber, group and extension; both empty removes", () => {
    const file = parseBulkFile("vpn.csv", sjis(crlf(q("VPN"), vpnHeader, q("abc001", "本社", "1001"), q("abc002", "", ""))));
    assert.deepEqual(file.errors, []);
    assert.equal(file.kind, "VPN");
    assert.equal(file.encoding, "shift_jis");
    assert.equal(file.dataLines, 2);
    assert.deepEqual(file.lines, [
      { kind: "VPN", line: 3, subscriberId: "abc001", groupName: "本社", extension: "1001" },
      { kind: "VPN", line: 4, subscriberId: "abc002", groupName: "", extension: "" },
    ]);
  });

  test("HUNT: the order is a number 1–999", () => {
    const file = parseBulkFile("hunt.csv", sjis(crlf(q("HUNT"), huntHeader, q("abc001", "代表", "1"), q("abc002", "代表", "999"))));
    assert.deepEqual(file.errors, []);
    assert.deepEqual(
      file.lines.map((l) => (l.kind === "HUNT" ? [l.subscriberId, l.groupName, l.order] : [])),
      [
        ["abc001", "代表", 1],
        ["abc002", "代表", 999],
      ],
    );
  });

  test("PICKUP: subscriber and group", () => {
    const file = parseBulkFile("pickup.CSV", sjis(crlf(q("PICKUP"), pickupHeader, q("abc001", "受付"))));
    assert.deepEqual(file.errors, []);
    assert.deepEqual(file.lines, [{ kind: "PICKUP", line: 3, subscriberId: "abc001", groupName: "受付" }]);
  });

  test("a quote inside a field is doubled; commas inside quotes are data", () => {
    const file = parseBulkFile("p.csv", sjis(crlf(q("PICKUP"), pickupHeader, '"abc001","A ""B"", C"')));
    assert.deepEqual(file.errors, []);
    assert.equal(file.lines[0]?.groupName, 'A "B", C');
  });

  test("the last line may end without CRLF; an empty line is no data line", () => {
    const file = parseBulkFile("p.csv", sjis(`${crlf(q("PICKUP"), pickupHeader, q("abc001", "受付"), "")}${q("abc002", "受付")}`));
    assert.deepEqual(file.errors, []);
    assert.equal(file.dataLines, 2);
    assert.deepEqual(
      file.lines.map((l) => l.line),
      [3, 5],
    );
  });

  test("line 1 may carry the empty fields a spreadsheet adds after the kind", () => {
    assert.deepEqual(codes("p.csv", sjis(crlf(q("PICKUP", ""), pickupHeader, q("abc001", "受付")))), []);
  });

  for (const kind of ["VPN", "HUNT", "PICKUP"] as const) {
    test(`the ${kind} template is a valid file: Shift_JIS, CRLF, every field quoted, the header and one example line`, () => {
      const bytes = bulkTemplate(kind);
      const text = iconv.decode(bytes, "cp932");
      assert.ok(text.endsWith("\r\n"));
      assert.equal(text.replaceAll("\r\n", "").includes("\n"), false);
      const lines = text.split("\r\n").slice(0, -1);
      assert.equal(lines[0], `"${kind}"`);
      assert.equal(lines[1], q(...bulkHeaders[kind]));
      assert.equal(lines.length, 3);
      const file = parseBulkFile(`template-${kind}.csv`, bytes);
      assert.deepEqual(file.errors, []);
      assert.equal(file.lines.length, 1);
    });
  }
});

describe("CP932 specials (NEC and IBM extensions, wave dash, half-width kana)", () => {
  const specials = ["①②㈱", "～", "髙橋", "﨑", "ｱｲｳｴｵﾊﾟ", "∥－￢", "纊褜"];

  for (const name of specials) {
    test(`a group named "${name}" in Shift_JIS reads back exactly, no error`, () => {
      const file = parseBulkFile("p.csv", sjis(crlf(q("PICKUP"), pickupHeader, q("abc001", name))));
      assert.deepEqual(file.errors, []);
      assert.equal(file.lines[0]?.groupName, name);
    });
  }

  test("the same specials in a UTF-8 file are 8061 on each line that has them", () => {
    const file = utf8(crlf(q("PICKUP"), q("加入者ID", "ピックアップグループ名"), q("abc001", "①"), q("abc002", "plain"), q("abc003", "髙")));
    assert.deepEqual(codes("p.csv", file), [
      [2, "8061"],
      [3, "8061"],
      [5, "8061"],
    ]);
  });

  test("a special inside a subscriber ID is an invalid value (8070) on its line", () => {
    const file = parseBulkFile("p.csv", sjis(crlf(q("PICKUP"), pickupHeader, q("abc001", "受付"), q("abc①", "受付"))));
    assert.deepEqual(
      file.errors.map((e) => [e.line, e.code, e.field]),
      [[4, "8070", "加入者ID"]],
    );
  });

  test("decodeCp932Line: valid CP932 decodes, bytes Windows leaves undefined do not", () => {
    assert.equal(decodeCp932Line(sjis("①～髙ｱ")), "①～髙ｱ");
    assert.equal(decodeCp932Line(Uint8Array.from([0x81, 0x20])), undefined);
    assert.equal(decodeCp932Line(Uint8Array.from([0x41, 0xa0])), undefined);
    assert.equal(decodeCp932Line(Uint8Array.from([0xfd])), undefined);
    assert.equal(decodeCp932Line(Uint8Array.from([0x80])), undefined);
  });
});

describe("group names read from a Shift_JIS file and the stored names (JIS code points, the wave dash)", () => {
  const jisName = "営業〜‖−¢£¬—";
  // Written as the subscriber list writes its cells (iconv-lite alone gives ? for the JIS code points).
  const read = (name: string) => parseBulkFile("p.csv", writeCsv([["PICKUP"], [...bulkHeaders.PICKUP], ["abc001", name]], "shift_jis")).lines[0]?.groupName ?? "";

  test("a name typed with JIS code points is read back with Windows' ones, and resolves to the stored name", () => {
    const fromFile = read(jisName);
    assert.equal(fromFile, "営業～∥－￠￡￢―");
    const storedName = cp932NameResolver(["本社", jisName, "受付"]);
    assert.equal(storedName(fromFile), jisName);
    assert.equal(storedName(jisName), jisName);
    assert.equal(storedName("本社"), "本社");
    assert.equal(storedName(read("受付")), "受付");
  });

  test("a stored name with Windows' code points is found by a name with JIS ones too", () => {
    const storedName = cp932NameResolver(["1～3", "A∥B"]);
    assert.equal(storedName("1〜3"), "1～3");
    assert.equal(storedName("A‖B"), "A∥B");
    assert.equal(storedName(read("1〜3")), "1～3");
  });

  test("a name no group has is not found, whatever its fold", () => {
    const storedName = cp932NameResolver([jisName]);
    assert.equal(storedName("営業"), undefined);
    assert.equal(storedName("営業〜"), undefined);
    assert.equal(storedName(""), undefined);
  });

  test("two stored names that fold alike: the exact one is found, a third spelling of them is not guessed", () => {
    const storedName = cp932NameResolver(["a〜‖", "a～∥"]);
    assert.equal(storedName("a〜‖"), "a〜‖");
    assert.equal(storedName("a～∥"), "a～∥");
    assert.equal(storedName("a〜∥"), undefined);
    assert.equal(storedName("a～‖"), undefined);
  });

  test("the same name twice in the stored names is not two names", () => {
    assert.equal(cp932NameResolver(["a〜", "a〜"])("a～"), "a〜");
  });
});

describe("every error with its code and line", () => {
  const cases: [string, string, Uint8Array, [number | null, string][]][] = [
    ["a UTF-8 file with Japanese text", "u.csv", utf8(crlf(q("VPN"), vpnHeader, q("abc001", "本社", "1001"))), [[2, "8061"], [3, "8061"]]],
    ["UTF-8 with a BOM, even all ASCII after it", "u.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf(q("PICKUP"), '"a","b"'))]), [[null, "8066"], [1, "8061"], [2, "8070"]]],
    ["bytes that are not CP932 on one line", "x.csv", Buffer.concat([sjis(crlf(q("PICKUP"), pickupHeader)), Buffer.from([0x22, 0x61, 0x22, 0x2c, 0x22, 0x81, 0x20, 0x22, 0x0d, 0x0a]), sjis(crlf(q("abc002", "g")))]), [[3, "8061"]]],
    ["LF line ends", "lf.csv", sjis(`${q("PICKUP")}\n${pickupHeader}\n${q("abc001", "g")}\n`), [[1, "8058"], [2, "8058"], [3, "8058"]]],
    ["one LF among CRLF", "lf.csv", sjis(`${crlf(q("PICKUP"), pickupHeader)}${q("abc001", "g")}\n${crlf(q("abc002", "g"))}`), [[3, "8058"]]],
    ["CR line ends", "cr.csv", sjis(`${q("PICKUP")}\r${pickupHeader}\r${q("abc001", "g")}\r`), [[1, "8058"], [2, "8058"], [3, "8058"]]],
    ["tab-separated with quotes", "t.csv", sjis(crlf(q("VPN"), bulkHeaders.VPN.map((h) => `"${h}"`).join("\t"), '"abc001"\t"本社"\t"1001"')), [[2, "8079"], [3, "8079"]]],
    ["tab-separated without quotes", "t.csv", sjis(crlf("VPN", bulkHeaders.VPN.join("\t"), "abc001\t本社\t1001")), [[1, "8080"], [2, "8079"], [3, "8079"]]],
    ["semicolon after a quoted field", "t.csv", sjis(crlf(q("PICKUP"), pickupHeader, '"abc001";"g"')), [[3, "8079"]]],
    ["an unquoted field", "n.csv", sjis(crlf(q("VPN"), vpnHeader, '"abc001",本社,"1001"')), [[3, "8080"]]],
    ["a quote left open", "n.csv", sjis(crlf(q("PICKUP"), pickupHeader, '"abc001","g')), [[3, "8080"]]],
    ["text after a closing quote", "n.csv", sjis(crlf(q("PICKUP"), pickupHeader, '"abc001","g"x')), [[3, "8080"]]],
    ["a trailing comma", "n.csv", sjis(crlf(q("PICKUP"), pickupHeader, '"abc001","g",')), [[3, "8080"], [3, "8069"]]],
    ["too few fields (VPN)", "c.csv", sjis(crlf(q("VPN"), vpnHeader, q("abc001", "本社"))), [[3, "8069"]]],
    ["too many fields (HUNT)", "c.csv", sjis(crlf(q("HUNT"), huntHeader, q("abc001", "代表", "1", "x"))), [[3, "8069"]]],
    ["PICKUP without its 2nd field", "p.csv", sjis(crlf(q("PICKUP"), pickupHeader, q("abc001"))), [[3, "8071"]]],
    ["PICKUP with an empty 2nd field", "p.csv", sjis(crlf(q("PICKUP"), pickupHeader, q("abc001", ""))), [[3, "8071"]]],
    ["line 1 not a kind (the header still tells the data lines' kind)", "k.csv", sjis(crlf(q("VPNX"), vpnHeader, q("abc001", "本社"))), [[1, "8060"], [3, "8069"]]],
    ["line 1 lowercase", "k.csv", sjis(crlf(q("vpn"), vpnHeader, q("abc001", "本社", "1001"))), [[1, "8060"]]],
    ["line 1 with a second value", "k.csv", sjis(crlf(q("VPN", "HUNT"), vpnHeader, q("abc001", "本社", "1001"))), [[1, "8060"]]],
    ["the header of another kind", "h.csv", sjis(crlf(q("VPN"), huntHeader, q("abc001", "本社", "1001"))), [[2, "8070"]]],
    ["a header with a field missing", "h.csv", sjis(crlf(q("VPN"), q("加入者ID", "内線グループ名"), q("abc001", "本社", "1001"))), [[2, "8069"]]],
    ["no data lines", "e.csv", sjis(crlf(q("HUNT"), huntHeader)), [[null, "8066"]]],
    ["no header either", "e.csv", sjis(crlf(q("HUNT"))), [[null, "8066"], [2, "8070"]]],
    ["another extension", "list.txt", sjis(crlf(q("PICKUP"), pickupHeader, q("abc001", "g"))), [[null, "8056"]]],
    ["no extension", "list", sjis(crlf(q("PICKUP"), pickupHeader, q("abc001", "g"))), [[null, "8056"]]],
    ["an empty file", "e.csv", new Uint8Array(), [[null, "8057"]]],
    ["a binary file (a spreadsheet)", "book.csv", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), [[null, "8059"]]],
  ];
  for (const [what, name, bytes, expected] of cases) {
    test(`${what}: ${expected.map(([l, c]) => `${c}@${l ?? "file"}`).join(", ")}`, () => {
      assert.deepEqual(codes(name, bytes), expected);
    });
  }

  test("invalid values: each 8070 on its line, naming the column and the rule", () => {
    const file = parseBulkFile(
      "v.csv",
      sjis(
        crlf(
          q("VPN"),
          vpnHeader,
          q("abc001", "本社", ""),
          q("abc002", "", "1001"),
          q("abc003", "本社", "0123"),
          q("abc004", "本社", "12a"),
          q("abc005", "本社", "123456789"),
          q("", "本社", "1001"),
          q("abc 7", "本社", "1001"),
          q("abc008", "g".repeat(65), "1001"),
        ),
      ),
    );
    assert.deepEqual(
      file.errors.map((e) => [e.line, e.code, e.field, e.details?.rule]),
      [
        [3, "8070", "内線番号", "8012"],
        [4, "8070", "内線グループ名", "8054"],
        [5, "8070", "内線番号", "8009"],
        [6, "8070", "内線番号", "8009"],
        [7, "8070", "内線番号", "8009"],
        [8, "8070", "加入者ID", "8008"],
        [9, "8070", "加入者ID", "8009"],
        [10, "8070", "内線グループ名", "8009"],
      ],
    );
    assert.deepEqual(file.lines, []);
  });

  test("hunt orders: required, digits, 1–999", () => {
    const file = sjis(crlf(q("HUNT"), huntHeader, q("a1", "g", ""), q("a2", "g", "0"), q("a3", "g", "1000"), q("a4", "g", "１"), q("a5", "g", "-1"), q("a6", "", "1")));
    assert.deepEqual(codes("h.csv", file), [
      [3, "8070"],
      [4, "8070"],
      [5, "8070"],
      [6, "8070"],
      [7, "8070"],
      [8, "8070"],
    ]);
  });

  test("a file with many faults lists every one, the file's first, then by line", () => {
    const bytes = Buffer.concat([sjis(`${q("PICKUP")}\r\n${pickupHeader}\r\n${q("abc001", "g")}\n`), sjis(crlf('"abc002",g', q("abc003"), q("a", "b", "c"), '"x"\t"y"'))]);
    const file = parseBulkFile("many.txt", bytes);
    assert.deepEqual(
      file.errors.map((e) => [e.line, e.code]),
      [
        [null, "8056"],
        [3, "8058"],
        [4, "8080"],
        [5, "8071"],
        [6, "8069"],
        [7, "8079"],
      ],
    );
    for (const e of file.errors) {
      assert.ok(e.message.length > 0 && e.messageEn.length > 0);
    }
  });

  test("more than 20,000 data lines is 8123 on the first line too many, and reading stops there", () => {
    const lines = [q("PICKUP"), pickupHeader];
    for (let i = 0; i < 20_001; i += 1) lines.push(q(`s${i}`, "g"));
    const file = parseBulkFile("big.csv", sjis(crlf(...lines)));
    assert.deepEqual(
      file.errors.map((e) => [e.line, e.code]),
      [[20_003, "8123"]],
    );
  });

  test("exactly 20,000 data lines is fine", () => {
    const lines = [q("PICKUP"), pickupHeader];
    for (let i = 0; i < 20_000; i += 1) lines.push(q(`s${i}`, "g"));
    const file = parseBulkFile("big.csv", sjis(crlf(...lines)));
    assert.deepEqual(file.errors, []);
    assert.equal(file.lines.length, 20_000);
  });

  test("more than 5 MB is 8123 before anything is read", () => {
    assert.deepEqual(codes("big.csv", new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)), [[null, "8123"]]);
  });
});

describe("tokenizeLine", () => {
  test("knows which fields were quoted", () => {
    assert.deepEqual(tokenizeLine('"a",b,"",'), {
      fields: [
        { value: "a", quoted: true },
        { value: "b", quoted: false },
        { value: "", quoted: true },
        { value: "", quoted: false },
      ],
      otherSeparator: false,
      malformed: false,
    });
  });

  test("doubled quotes are one quote; an empty line is one empty unquoted field", () => {
    assert.deepEqual(tokenizeLine('""""').fields, [{ value: '"', quoted: true }]);
    assert.deepEqual(tokenizeLine("").fields, [{ value: "", quoted: false }]);
  });
});
