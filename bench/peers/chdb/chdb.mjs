#!/usr/bin/env node
// Runs a benchmark suite on chDB (in-process ClickHouse) and prints one JSON line per query, in
// the same form as ../duckdb.mjs. Optional second peer: bench/run --chdb.
//
//   node bench/peers/chdb/chdb.mjs --data DIR --suite events|ssb|ssb_flat [--threads N] [--runs R]
//                                  [--expected OUTDIR]
//
// The query files are shared with the other engines; three settings make ClickHouse answer
// them as standard SQL does: join_use_nulls (LEFT JOIN misses are NULL, not 0),
// output_format_decimal_trailing_zeros (DECIMAL(12,2) prints two digits) and max_threads.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Session } from 'chdb';

import {
    emit,
    fail,
    median,
    parseArgs,
    round,
    schemaColumns,
    schemaText,
    suiteQueries,
    suites,
    tableCsv,
    writeExpected,
} from '../suite.mjs';

const usage =
    'usage: node bench/peers/chdb/chdb.mjs --data DIR --suite events|ssb|ssb_flat [--threads N] [--runs R] ' +
    '[--expected OUTDIR]';

// ClickHouse names for the standard types in bench/schema.
function clickhouseType(type) {
    if (type === 'DATETIME') return 'DateTime';
    if (type === 'DATE') return 'Date';
    if (type === 'BIGINT') return 'Int64';
    if (type === 'INT') return 'Int32';
    if (type.startsWith('VARCHAR')) return 'String';
    if (type.startsWith('DECIMAL')) return type.replace('DECIMAL', 'Decimal');
    throw new Error(`no ClickHouse type for ${type}`);
}

function loadTable(session, settings, dataDir, table) {
    // The standard DDL, plus the table engine ClickHouse requires.
    const ddl = schemaText(table).replace(/;\s*$/, '') + '\nENGINE = MergeTree ORDER BY tuple()';
    session.query(ddl);
    const structure = schemaColumns(table)
        .map((column) => `${column.name} ${clickhouseType(column.type)}`)
        .join(', ');
    const csv = tableCsv(dataDir, table).replace(/'/g, "\\'");
    session.query(`INSERT INTO ${table} SELECT * FROM file('${csv}', 'CSVWithNames', '${structure}') ${settings}`);
    return Number(session.query(`SELECT count() FROM ${table}`, 'TSV').trim());
}

// TSVWithNames output: ClickHouse escapes tabs, newlines and backslashes as suite.mjs wants and
// writes NULL as \N, which becomes 'NULL'.
function parseTsv(text) {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const names = lines.length > 0 ? lines[0].split('\t') : [];
    const rows = lines.slice(1).map((line) => line.split('\t').map((value) => (value === '\\N' ? 'NULL' : value)));
    return { names, rows };
}

function main() {
    const defaults = { data: '', suite: 'events', threads: 2, runs: 3, expected: '' };
    const args = parseArgs(process.argv.slice(2), defaults, usage);
    const settings =
        `SETTINGS max_threads = ${args.threads}, join_use_nulls = 1, ` +
        'output_format_decimal_trailing_zeros = 1';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flashlake-bench-chdb-'));
    const session = new Session(dir);
    try {
        const version = session.query('SELECT version()', 'TSV').trim();
        const loadStart = performance.now();
        const rows = {};
        for (const table of suites[args.suite].tables) rows[table] = loadTable(session, settings, args.data, table);
        const loadMs = round(performance.now() - loadStart);
        emit({ engine: 'chdb', event: 'load', version, threads: args.threads, ms: loadMs, rows });

        for (const query of suiteQueries(args.suite)) {
            const sql = query.sql.replace(/;\s*$/, '') + `\n${settings}`;
            const times = [];
            let result = null;
            try {
                for (let run = 0; run < args.runs; ++run) {
                    const start = performance.now();
                    result = session.query(sql, 'TSVWithNames');
                    times.push(performance.now() - start);
                }
            } catch (error) {
                emit({ engine: 'chdb', query: query.name, ms: null, error: String(error.message ?? error) });
                continue;
            }
            const table = parseTsv(result);
            const ms = round(median(times));
            emit({ engine: 'chdb', query: query.name, ms, min_ms: round(Math.min(...times)), rows: table.rows.length });
            if (args.expected) writeExpected(args.expected, query.name, table.names, table.rows);
        }
    } finally {
        session.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

try {
    main();
} catch (error) {
    fail(`chdb.mjs: ${error.stack ?? error}`, 1);
}
