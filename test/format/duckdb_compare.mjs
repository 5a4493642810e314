// Regenerates the DuckDB expectations table of test/unit/format/parquet_testdata_test.cc: for
// every file of ../shared/testdata/parquet/data and each top-level primitive column, DuckDB's
// count, sum (days for DATE, microseconds for TIMESTAMP, bytes for strings) and hex min/max.
//
//   mkdir /tmp/duck && cd /tmp/duck && npm install @duckdb/node-api
//   cp test/format/duckdb_compare.mjs /tmp/duck/ && node /tmp/duck/duckdb_compare.mjs \
//       $PWD/../shared/testdata/parquet/data > table.txt
//
// (ES modules resolve packages next to the script, hence the copy: nothing is installed in the
// repository.)
//
// DuckDB cannot read the deprecated LZ4 codec and some map layouts; those entries come out as
// comments and are filled in by hand in the test (see its comment).
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'fs';
if (process.argv.length < 3) {
  console.error('usage: node duckdb_compare.mjs <parquet data dir>');
  process.exit(2);
}
const dir = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const files = fs.readdirSync(dir).filter(f => f.endsWith('.parquet')).sort();
const q = async (sql) => (await con.runAndReadAll(sql)).getRowsJS();
let out = [];
for (const f of files) {
  const path = `${dir}/${f}`;
  let desc;
  try { desc = await q(`describe select * from '${path}'`); } catch (e) { out.push(`// ${f}: DuckDB error ${e.message.split('\n')[0]}`); continue; }
  const rows = (await q(`select count(*) from '${path}'`))[0][0];
  const cols = [];
  for (const [name, type] of desc) {
    const c = `"${name.replace(/"/g, '""')}"`;
    let expr;
    if (/\[\]|STRUCT|MAP|UNION/.test(type)) continue;
    if (type === 'VARCHAR' || type === 'BLOB' || type.startsWith('UUID')) {
      const b = type === "VARCHAR" ? `encode(${c})` : (type === 'BLOB' ? c : `${c}::VARCHAR::BLOB`);
      expr = `count(${c}), coalesce(sum(octet_length(${b})),0)::DOUBLE, coalesce(hex(min(${b})),''), coalesce(hex(max(${b})),'')`;
    } else if (type === 'DATE') {
      expr = `count(${c}), coalesce(sum(${c} - DATE '1970-01-01'),0)::DOUBLE, '', ''`;
    } else if (type.startsWith('TIMESTAMP')) {
      expr = `count(${c}), coalesce(sum(epoch_us(${c})::HUGEINT),0)::DOUBLE, '', ''`;
    } else if (type.startsWith('TIME')) { continue; }
    else {
      expr = `count(${c}), coalesce(sum(${c}::DOUBLE),0)::DOUBLE, '', ''`;
    }
    try {
      const r = (await q(`select ${expr} from '${path}'`))[0];
      cols.push(`{"${name.replace(/\\/g,'\\\\').replace(/"/g,'\\"')}", ${r[0]}, ${Number.isNaN(r[1]) ? 'kNaN' : r[1].toPrecision(17)}, "${r[2]}", "${r[3]}"}`);
    } catch (e) { cols.push(`// ${name}: DuckDB error ${e.message.split('\n')[0]}`); }
  }
  out.push(`    {"${f}", ${rows}, {${cols.join(',\n        ')}}},`);
}
console.log(out.join('\n'));
