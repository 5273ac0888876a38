// One line of `npm run bench`: a figure, its target, and where one was measured in the same run, its limit and ratio.
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The same work done by the fastest thing that could do it here (bare Fastify, raw node:sqlite, sqlite3). */
  limit?: number;
  limitName?: string;
  /** value ÷ limit for rates; limit ÷ value for times (1.0 = as fast as the limit). */
  ratio?: number;
  target: string;
  pass: boolean;
  note?: string;
}

interface Options {
  target: string;
  pass: boolean;
  limit?: number;
  limitName?: string;
  /** Times: a smaller value is better, so the ratio is limit ÷ value. */
  lowerIsBetter?: boolean;
  note?: string;
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);

export function figure(name: string, value: number, unit: string, options: Options): Figure {
  const f: Figure = { name, value: round(value), unit, target: options.target, pass: options.pass };
  if (options.limit !== undefined && options.limit > 0 && value > 0) {
    f.limit = round(options.limit);
    f.ratio = Math.round((options.lowerIsBetter === true ? options.limit / value : value / options.limit) * 100) / 100;
    if (options.limitName !== undefined) f.limitName = options.limitName;
  }
  if (options.note !== undefined && options.note !== "") f.note = options.note;
  return f;
}

export function printFigure(f: Figure): void {
  const value = `${f.value.toLocaleString("en-US")} ${f.unit}`;
  const limit = f.limit === undefined ? "" : `  limit ${f.limit.toLocaleString("en-US")} ${f.unit} (${f.limitName ?? ""}) → ${f.ratio}×`;
  console.log(`  ${f.target === "information" ? "·" : f.pass ? "✔" : "✖"} ${f.name}: ${value}  [target ${f.target}]${limit}${f.note === undefined ? "" : `  — ${f.note}`}`);
}
