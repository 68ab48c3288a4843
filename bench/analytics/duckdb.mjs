// DuckDB side of the analytics peer benchmark (bench/analytics/run.sh).
//
//   node duckdb.mjs DATA_DIR AS_OF RUNS
//
// Loads the three CSVs written by gen into an in-memory DuckDB (not timed),
// then runs sql/score.sql on the customers table and on the orders table
// (aggregated per customer in the same statement): one warm-up run and RUNS
// timed runs each. Prints a CHECK and a TIME line per input.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [dataDir, asOf, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const here = new URL('.', import.meta.url).pathname;
const sql = (name) => readFileSync(`${here}sql/${name}`, 'utf8').replace(/^--.*\n/gm, '');

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const threads = (await con.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJson()[0].t;
const version = (await con.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0].v;
console.error(`duckdb ${version}, threads=${threads}`);

let t = performance.now();
await con.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${dataDir}/orders.csv', header = true,
  columns = {'customer_id': 'INTEGER', 'order_date': 'DATE', 'amount': 'BIGINT', 'gross_profit': 'BIGINT'})`);
await con.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${dataDir}/customers.csv', header = true,
  columns = {'customer_id': 'INTEGER', 'first_order': 'DATE', 'last_order': 'DATE', 'orders': 'BIGINT',
             'revenue': 'BIGINT', 'gross_profit': 'BIGINT'})`);
await con.run(`CREATE TABLE segments AS SELECT * FROM read_csv('${dataDir}/segments.csv', header = true,
  columns = {'r': 'BIGINT', 'f': 'BIGINT', 'segment': 'VARCHAR'})`);
console.error(`duckdb: loaded in ${((performance.now() - t) / 1000).toFixed(2)} s (not timed)`);

const score = sql('score.sql')
  .replace('@RECENCY@', `(DATE '${asOf}' - last_order)`)
  .replaceAll('@IDIV@', '//');

for (const input of ['customers', 'orders']) {
  const q = score.replace('@SOURCE@', sql(`source_${input}.sql`).trim());
  const times = [];
  let rows;
  for (let k = 0; k <= runs; k++) {
    t = performance.now();
    const reader = await con.runAndReadAll(q);
    rows = reader.getRowsJS();
    if (k > 0) times.push((performance.now() - t) / 1000);
  }
  // segment, customers, checksum, top20, total (BigInts).
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let checksum = 0n, total = 0n;
  const top20 = BigInt(rows[0][3]); // the same on every row
  for (const r of rows) {
    checksum += BigInt(r[2]);
    total += BigInt(r[4]);
  }
  const segs = rows.map((r) => `${r[0]}:${r[1]}`).join(',');
  const share = (Number(top20) / Number(total)).toFixed(6);
  console.log(`CHECK ${input} segments=${segs} checksum=${checksum} top20=${top20} total=${total} share=${share}`);
  times.sort((a, b) => a - b);
  const mid = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  console.log(`TIME ${input} best=${times[0].toFixed(4)} median=${mid.toFixed(4)} runs=${times.length}`);
}
con.closeSync();
instance.closeSync();
