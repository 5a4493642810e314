// Prints sqllogictest records for queries, with DuckDB's results as the expected answers.
// Usage: node gen_expected.mjs < queries.txt (queries separated by lines of ';;').
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const text = fs.readFileSync(0, 'utf8');
for (const raw of text.split(/\n;;\n/)) {
  const lines = raw.trim().split('\n');
  let header = lines[0];
  const sql = lines.slice(1).join('\n');
  const reader = await c.runAndReadAll(sql);
  const rows = reader.getRowsJS();
  console.log(header);
  console.log(sql);
  console.log('----');
  for (const row of rows) console.log(row.map(v => {
    if (v === null) return 'NULL';
    if (typeof v === 'boolean') return v ? '1' : '0';
    if (typeof v === 'string' && v === '') return '(empty)';
    return String(v);
  }).join('\t'));
  console.log('');
}
