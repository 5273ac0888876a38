// Shared phonebook files (files.md "Shared phonebook upload"): CSV in Shift_JIS or UTF-8, vCard 3.0 / 4.0, entries
// needing a name and a valid number (8070 on their lines), characters outside JIS X 0208 kept with a warning.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import iconv from "iconv-lite";
import { phonebookNumber } from "../../src/domain/phonebook/phonebook.ts";
import { outsideJisX0208, parsePhonebookFile, phonebookHeader, phonebookTemplate } from "../../src/files/phonebook.ts";

const sjis = (text: string) => iconv.encode(text, "cp932");
const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
const header = phonebookHeader.join(",");
const csv = (eol: string, ...rows: string[]) => [header, ...rows].map((r) => `${r}${eol}`).join("");

describe("CSV", () => {
  test("Shift_JIS with CRLF: every column read, numbers in their dialable form", () => {
    const file = parsePhonebookFile("book.csv", sjis(csv("\r\n", "山田 太郎,ヤマダ タロウ,株式会社サンプル,営業部,03-1234-5678,090 1234 5678,1001,taro@example.jp,2F")));
    assert.deepEqual(file.errors, []);
    assert.equal(file.format, "csv");
    assert.equal(file.encoding, "shift_jis");
    assert.deepEqual(file.entries, [
      { line: 2, name: "山田 太郎", kana: "ヤマダ タロウ", company: "株式会社サンプル", department: "営業部", phones: ["0312345678", "09012345678", "1001"], email: "taro@example.jp", memo: "2F" },
    ]);
    assert.deepEqual(file.warnings, []);
  });

  test("UTF-8 with a BOM and LF; quoted fields may hold commas and line breaks", () => {
    const file = parsePhonebookFile("book.csv", bom(csv("\n", '"鈴木, 花子",,,,+81 6 1234 5678,,,,"1行目\n2行目"', "佐藤,,,,050-1234-5678,,,,")));
    assert.deepEqual(file.errors, []);
    assert.equal(file.encoding, "utf-8");
    assert.deepEqual(
      file.entries.map((e) => [e.line, e.name, e.phones, e.memo]),
      [
        [2, "鈴木, 花子", ["0612345678"], "1行目\n2行目"],
        [4, "佐藤", ["05012345678"], ""],
      ],
    );
  });

  test("UTF-8 without a BOM is recognised too", () => {
    const file = parsePhonebookFile("book.csv", Buffer.from(csv("\r\n", "田中,,,,0312345678,,,,"), "utf8"));
    assert.deepEqual(file.errors, []);
    assert.equal(file.entries[0]?.name, "田中");
  });

  test("a ① in a name is kept as written and reported as a warning of its line", () => {
    const file = parsePhonebookFile("book.csv", sjis(csv("\r\n", "佐藤,,,,0312345678,,,,", "①山田,,㈱サンプル,,0312345679,,,,")));
    assert.deepEqual(file.errors, []);
    assert.equal(file.entries[1]?.name, "①山田");
    assert.deepEqual(
      file.warnings.map((w) => [w.line, w.field, w.characters]),
      [
        [3, "名前", ["①"]],
        [3, "会社名", ["㈱"]],
      ],
    );
    assert.match(file.warnings[0]?.message ?? "", /環境依存文字/);
  });

  test("CP932 specials: ～ and half-width kana are JIS (no warning); 髙 and emoji are not", () => {
    const file = parsePhonebookFile("book.csv", bom(csv("\r\n", "高橋～ﾀｶﾊｼ,,,,0312345678,,,,", "髙橋,,,,0312345679,,,,", "笑顔😀,,,,0312345670,,,,")));
    assert.deepEqual(file.errors, []);
    assert.deepEqual(
      file.warnings.map((w) => [w.line, w.characters]),
      [
        [3, ["髙"]],
        [4, ["😀"]],
      ],
    );
  });

  test("each entry needs a name and one valid number: every failing line is 8070, the file refused", () => {
    const file = parsePhonebookFile(
      "book.csv",
      sjis(csv("\r\n", "山田,,,,0312345678,,,,", ",,,,0312345678,,,,", "名無し番号,,,,,,,,", "鈴木,,,,03-12,,,,", "佐藤,,,,0312345678,abc,,,", "田中,,,,0312345678,,,not-an-address,")),
    );
    assert.deepEqual(
      file.errors.map((e) => [e.line, e.code, e.field]),
      [
        [3, "8070", "名前"],
        [4, "8070", "電話番号"],
        [5, "8070", "電話番号"],
        [6, "8070", "電話番号"],
        [7, "8070", "メールアドレス"],
      ],
    );
  });

  test("a wrong header is 8070 on line 1; a wrong field count 8069 on its line", () => {
    assert.deepEqual(
      parsePhonebookFile("book.csv", sjis("名前,電話番号\r\n山田,0312345678\r\n")).errors.map((e) => [e.line, e.code]),
      [[1, "8070"]],
    );
    assert.deepEqual(
      parsePhonebookFile("book.csv", sjis(csv("\r\n", "山田,,,,0312345678,,,", "鈴木,,,,0312345678,,,,"))).errors.map((e) => [e.line, e.code]),
      [[2, "8069"]],
    );
  });

  test("bytes that are neither Shift_JIS nor UTF-8: 8061 on their line", () => {
    const bytes = Buffer.concat([sjis(csv("\r\n", "山田,,,,0312345678,,,,")), Buffer.from([0x81, 0x20, 0x2c, 0x2c, 0x2c, 0x2c, 0x30, 0x33, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x2c, 0x2c, 0x2c, 0x2c, 0x0d, 0x0a])]);
    assert.deepEqual(
      parsePhonebookFile("book.csv", bytes).errors.map((e) => [e.line, e.code]),
      [[3, "8061"]],
    );
  });

  test("the file as a whole: another extension 8056, empty 8057, binary 8059, no entries 8066, over 5 MB 8123", () => {
    const codes = (name: string, bytes: Uint8Array) => parsePhonebookFile(name, bytes).errors.map((e) => [e.line, e.code]);
    assert.deepEqual(codes("book.xlsx", sjis(csv("\r\n"))), [[null, "8056"]]);
    assert.deepEqual(codes("book.csv", new Uint8Array()), [[null, "8057"]]);
    assert.deepEqual(codes("book.csv", Uint8Array.from([0xff, 0xfe, 0x41, 0x00])), [[null, "8059"]]);
    assert.deepEqual(codes("book.csv", sjis(csv("\r\n"))), [[null, "8066"]]);
    assert.deepEqual(codes("book.csv", new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41)), [[null, "8123"]]);
  });

  test("more than 10,000 entries is 8123 on the first entry too many", () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `人${i},,,,${String(312340000 + i).padStart(10, "0")},,,,`);
    const file = parsePhonebookFile("book.csv", sjis(csv("\r\n", ...rows)));
    assert.deepEqual(
      file.errors.map((e) => [e.line, e.code]),
      [[10_002, "8123"]],
    );
  });

  test("the template is Shift_JIS, CRLF, quoted, with the header and one example entry that reads back", () => {
    const bytes = phonebookTemplate();
    const text = iconv.decode(bytes, "cp932");
    assert.equal(text.split("\r\n")[0], phonebookHeader.map((h) => `"${h}"`).join(","));
    assert.equal(text.split("\r\n").length, 3);
    const file = parsePhonebookFile("phonebook.csv", bytes);
    assert.deepEqual(file.errors, []);
    assert.equal(file.entries.length, 1);
  });
});

describe("vCard", () => {
  test("3.0: folded lines, several TEL, ORG with a department, furigana, escapes in NOTE", () => {
    const vcf = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:山田;太郎;;;",
      "FN:山田 太郎",
      "X-PHONETIC-LAST-NAME:ヤマダ",
      "X-PHONETIC-FIRST-NAME:タロウ",
      "ORG:株式会社サンプル;営業部",
      "TEL;TYPE=CELL:090-1234-5678",
      "TEL;TYPE=WORK,VOICE:03-1234-",
      " 5678",
      "item1.EMAIL;TYPE=INTERNET:taro@example.jp",
      "NOTE:一行目\\n二行目\\, 続き",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:①鈴木",
      "TEL:0612345678",
      "END:VCARD",
      "",
    ].join("\r\n");
    const file = parsePhonebookFile("contacts.vcf", Buffer.from(vcf, "utf8"));
    assert.deepEqual(file.errors, []);
    assert.equal(file.format, "vcard");
    assert.deepEqual(file.entries, [
      { line: 1, name: "山田 太郎", kana: "ヤマダ タロウ", company: "株式会社サンプル", department: "営業部", phones: ["09012345678", "0312345678"], email: "taro@example.jp", memo: "一行目\n二行目, 続き" },
      { line: 14, name: "①鈴木", kana: "", company: "", department: "", phones: ["0612345678"], email: "", memo: "" },
    ]);
    assert.deepEqual(
      file.warnings.map((w) => [w.line, w.field, w.characters]),
      [[14, "名前", ["①"]]],
    );
  });

  test("4.0: tel: URIs, N with SORT-AS, a name from N when FN is empty, LF line ends", () => {
    const vcf = ["BEGIN:VCARD", "VERSION:4.0", 'N;SORT-AS="ジェーン":Doe;Jane;;;', "FN:", "TEL;VALUE=uri;TYPE=\"voice,home\":tel:+81-6-1234-5678;ext=12", "TEL;VALUE=uri:tel:+1-202-555-0143", "END:VCARD", ""].join("\n");
    const file = parsePhonebookFile("jane.vcf", Buffer.from(vcf, "utf8"));
    assert.deepEqual(file.errors, []);
    assert.deepEqual(
      file.entries.map((e) => [e.name, e.kana, e.phones]),
      [["Doe Jane", "ジェーン", ["0612345678", "+12025550143"]]],
    );
  });

  test("quoted-printable in Shift_JIS from older phones, soft line breaks joined", () => {
    const qp = (text: string) => [...iconv.encode(text, "cp932")].map((b) => `=${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
    const vcf = ["BEGIN:VCARD", "VERSION:2.1", `N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:${qp("山田")};=`, `${qp("花子")}`, "TEL;CELL:09011112222", "END:VCARD", ""].join("\r\n");
    const file = parsePhonebookFile("old.vcf", sjis(vcf));
    assert.deepEqual(file.errors, []);
    assert.deepEqual(
      file.entries.map((e) => [e.name, e.phones]),
      [["山田 花子", ["09011112222"]]],
    );
  });

  test("a card without a number, a card left open and a file that is no vCard: 8070 on their lines", () => {
    const vcf = ["BEGIN:VCARD", "VERSION:3.0", "FN:番号なし", "END:VCARD", "BEGIN:VCARD", "FN:閉じない", "TEL:0312345678", ""].join("\r\n");
    assert.deepEqual(
      parsePhonebookFile("x.vcf", Buffer.from(vcf, "utf8")).errors.map((e) => [e.line, e.code]),
      [
        [1, "8070"],
        [5, "8070"],
      ],
    );
    assert.deepEqual(
      parsePhonebookFile("x.vcf", Buffer.from(csv("\r\n", "山田,,,,0312345678,,,,"), "utf8")).errors.map((e) => [e.line, e.code]),
      [[1, "8070"]],
    );
  });
});

describe("characters outside JIS X 0208", () => {
  const cases: [string, string[]][] = [
    ["あア亜熙", []],
    ["ｱｲｳﾞ", []],
    ["～〜－−∥", []],
    ["①②⑳", ["①", "②", "⑳"]],
    ["㈱㍉№Ⅰ", ["㈱", "㍉", "№", "Ⅰ"]],
    ["髙﨑ⅰ纊", ["髙", "﨑", "ⅰ", "纊"]],
    ["鷗𠮷😀", ["鷗", "𠮷", "😀"]],
  ];
  for (const [text, outside] of cases) {
    test(`${text} → ${outside.length === 0 ? "none" : outside.join(" ")}`, () => {
      assert.deepEqual(outsideJisX0208(text), outside);
    });
  }
});

describe("phonebook numbers", () => {
  const cases: [string, string | undefined][] = [
    ["03-1234-5678", "0312345678"],
    ["(03)1234-5678", "0312345678"],
    ["０３－１２３４－５６７８", "0312345678"],
    ["090 1234 5678", "09012345678"],
    ["+81 90 1234 5678", "09012345678"],
    ["0120-123-456", "0120123456"],
    ["+44 20 7946 0958", "+442079460958"],
    ["1001", "1001"],
    ["110", "110"],
    ["03-12", undefined],
    ["0", undefined],
    ["abc", undefined],
    ["", undefined],
  ];
  for (const [raw, expected] of cases) {
    test(`"${raw}" → ${expected ?? "not a number"}`, () => {
      assert.equal(phonebookNumber(raw), expected);
    });
  }
});
