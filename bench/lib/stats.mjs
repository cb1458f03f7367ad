// `node stats.mjs < numbers`: median, p95, min, max and count of one number per line (milliseconds).
import { readFileSync } from "node:fs";

const values = readFileSync(0, "utf8").split(/\s+/).filter(Boolean).map(Number).filter(Number.isFinite).sort((a, b) => a - b);
const at = (p) => values[Math.min(values.length - 1, Math.max(0, Math.ceil(p * values.length) - 1))];
const r = (x) => Math.round(x * 10) / 10;
console.log(values.length === 0 ? "n=0" : `median=${r(at(0.5))} p95=${r(at(0.95))} min=${r(values[0])} max=${r(values.at(-1))} n=${values.length}`);
