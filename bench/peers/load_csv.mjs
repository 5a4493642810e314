#!/usr/bin/env node
// DuckDB's side of bench/load/stream_load.sh: loads one CSV into a table of a DuckDB database
// file (durable, as a Flashlake load is) with the given threads, and prints one JSON line:
// {"engine":"duckdb","event":"csv_load","rows":N,"ms":T,"threads":N}.
//
//   node bench/peers/load_csv.mjs --csv FILE --schema bench/schema/events.sql --db FILE [--threads N]

import fs from 'node:fs';

import { DuckDBInstance } from '@duckdb/node-api';

function argument(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    if (index < 0) {
        if (fallback === undefined) {
            console.error(`load_csv.mjs: --${name} is required`);
            process.exit(2);
        }
        return fallback;
    }
    return process.argv[index + 1];
}

const csv = argument('csv');
const schemaFile = argument('schema');
const dbFile = argument('db');
const threads = Number(argument('threads', '2'));

// The column list of the one CREATE TABLE in the schema file, DATETIME spelled TIMESTAMP.
const schema = fs.readFileSync(schemaFile, 'utf8').replace(/--[^\n]*/g, '');
const table = /CREATE TABLE\s+(\w+)/i.exec(schema)[1];
const body = schema.slice(schema.indexOf('(') + 1, schema.lastIndexOf(')'));
const columns = body
    .split(/,\s*\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
        const [name, ...rest] = line.split(/\s+/);
        const type = rest.join(' ').replace(/\s+NOT NULL$/i, '').replace(/\bDATETIME\b/i, 'TIMESTAMP');
        return { name, type };
    });

for (const suffix of ['', '.wal']) fs.rmSync(dbFile + suffix, { force: true });
const instance = await DuckDBInstance.create(dbFile, { threads: String(threads) });
const connection = await instance.connect();
await connection.run(`CREATE TABLE ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
const spec = columns.map((c) => `'${c.name}': '${c.type}'`).join(', ');
const started = process.hrtime.bigint();
await connection.run(
    `INSERT INTO ${table} SELECT * FROM read_csv('${csv.replace(/'/g, "''")}', header = true, delim = ',', ` +
        `quote = '"', auto_detect = false, columns = {${spec}})`,
);
await connection.run('CHECKPOINT');
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const reader = await connection.runAndReadAll(`SELECT COUNT(*) FROM ${table}`);
const rows = Number(reader.getRows()[0][0]);
console.log(JSON.stringify({ engine: 'duckdb', event: 'csv_load', rows, ms: Math.round(ms), threads }));
connection.closeSync?.();
for (const suffix of ['', '.wal']) fs.rmSync(dbFile + suffix, { force: true });
