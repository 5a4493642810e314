#!/usr/bin/env node
// Runs a benchmark suite on DuckDB (in memory) and prints one JSON line per query.
//
//   node bench/peers/duckdb.mjs --data DIR --suite events|ssb|ssb_flat|parquet|tpch [--threads N] [--runs R]
//                               [--expected OUTDIR] [--results DIR]
//
// Lines: {"engine":"duckdb","event":"load",...} first, then per query
// {"engine":"duckdb","query":"q1.1","ms":<median>,"min_ms":...,"rows":...}. With --expected, each
// query's result is also written to OUTDIR/<query>.tsv (format in suite.mjs).

import { DuckDBInstance } from '@duckdb/node-api';

import {
    emit,
    escapeText,
    fail,
    median,
    parseArgs,
    round,
    schemaColumns,
    schemaText,
    suiteQueries,
    suites,
    tableCsv,
    tableName,
    writeExpected,
} from './suite.mjs';

const usage =
    'usage: node bench/peers/duckdb.mjs --data DIR --suite events|ssb|ssb_flat|parquet|tpch [--threads N] [--runs R] ' +
    '[--expected OUTDIR] [--results DIR]';

// DuckDB spells DATETIME as TIMESTAMP; every other type in bench/schema is standard.
function duckdbType(type) {
    return type === 'DATETIME' ? 'TIMESTAMP' : type;
}

async function loadTable(connection, dataDir, table) {
    await connection.run(schemaText(table).replace(/\bDATETIME\b/g, 'TIMESTAMP'));
    const columns = schemaColumns(table)
        .map((column) => `'${column.name}': '${duckdbType(column.type)}'`)
        .join(', ');
    const csv = tableCsv(dataDir, table).replace(/'/g, "''");
    await connection.run(
        `INSERT INTO ${tableName(table)} SELECT * FROM read_csv('${csv}', header = true, delim = ',', quote = '"', ` +
            `auto_detect = false, columns = {${columns}})`,
    );
    const reader = await connection.runAndReadAll(`SELECT COUNT(*) FROM ${tableName(table)}`);
    return Number(reader.getRows()[0][0]);
}

// Text for a reference result: integers and decimals exactly, DATE as YYYY-MM-DD, TIMESTAMP as
// YYYY-MM-DD HH:MM:SS (DuckDB's own text forms), NULL as 'NULL'.
function valueText(value) {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'string') return escapeText(value);
    return String(value);
}

async function main() {
    const defaults = { data: '', suite: 'events', threads: 2, runs: 3, expected: '', results: '' };
    const args = parseArgs(process.argv.slice(2), defaults, usage);
    const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
    const connection = await instance.connect();
    const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];

    const loadStart = performance.now();
    const rows = {};
    for (const table of suites[args.suite].tables) rows[tableName(table)] = await loadTable(connection, args.data, table);
    const loadMs = round(performance.now() - loadStart);
    emit({ engine: 'duckdb', event: 'load', version, threads: args.threads, ms: loadMs, rows });

    for (const query of suiteQueries(args.suite, args.results)) {
        const times = [];
        let reader = null;
        for (let run = 0; run < args.runs; ++run) {
            const start = performance.now();
            try {
                reader = await connection.runAndReadAll(query.duckdbSql);
            } catch (error) {
                emit({ engine: 'duckdb', query: query.name, ms: null, error: String(error.message ?? error) });
                reader = null;
                break;
            }
            times.push(performance.now() - start);
        }
        if (reader === null) continue;
        emit({
            engine: 'duckdb',
            query: query.name,
            ms: round(median(times)),
            min_ms: round(Math.min(...times)),
            rows: reader.currentRowCount,
        });
        if (args.expected) {
            const text = reader.getRows().map((row) => row.map(valueText));
            writeExpected(args.expected, query.name, reader.columnNames(), text);
        }
    }
    connection.closeSync();
}

main().catch((error) => fail(`duckdb.mjs: ${error.stack ?? error}`, 1));
