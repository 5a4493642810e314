// What the peer runners share: the suites (tables and query files), the DDL in bench/schema,
// command-line parsing, timing statistics and the reference-result format.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// A suite is a set of tables (bench/schema/<table>.sql, loaded from <data>/<table>.csv) and
// the queries in bench/queries/<suite>/*.sql. A table given as 'dir/name' has its DDL in
// bench/schema/dir/name.sql (TPC-H's customer, part and supplier differ from SSB's) and is the
// table `name` loaded from <data>/name.csv.
export const suites = {
    events: { tables: ['events'] },
    ssb: { tables: ['customer', 'supplier', 'part', 'dates', 'lineorder'] },
    ssb_flat: { tables: ['lineorder_flat'] },
    // Parquet write and full-scan speed over the events data (bench/queries/parquet/README.md).
    parquet: { tables: ['events'] },
    tpch: {
        tables: ['region', 'nation', 'part', 'supplier', 'partsupp', 'customer', 'orders', 'lineitem'].map(
            (table) => `tpch/${table}`,
        ),
    },
};

// The SQL name of a suite's table entry: 'tpch/orders' -> 'orders'.
export function tableName(table) {
    return path.basename(table);
}

// Parses `--name value` pairs into an object, with defaults; exits with a usage line on errors.
export function parseArgs(argv, defaults, usage) {
    const args = { ...defaults };
    for (let i = 0; i < argv.length; i += 2) {
        const flag = argv[i];
        const key = flag.startsWith('--') ? flag.slice(2) : null;
        if (key === 'help') fail(usage, 0);
        if (key === null || !(key in defaults) || i + 1 >= argv.length) fail(`bad argument '${flag}'\n${usage}`);
        args[key] = typeof defaults[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
        if (typeof defaults[key] === 'number' && !(args[key] > 0)) fail(`${flag} needs a positive number\n${usage}`);
    }
    if (!args.data) fail(`--data DIR is required\n${usage}`);
    if (!(args.suite in suites)) fail(`unknown suite '${args.suite}'\n${usage}`);
    return args;
}

export function fail(message, code = 2) {
    process.stderr.write(message.endsWith('\n') ? message : message + '\n');
    process.exit(code);
}

export function schemaText(table) {
    return fs.readFileSync(path.join(benchDir, 'schema', `${table}.sql`), 'utf8');
}

// The columns of a CREATE TABLE in bench/schema: one `name TYPE [NOT NULL],` per line.
export function schemaColumns(table) {
    const columns = [];
    for (const line of schemaText(table).split('\n')) {
        const match = /^\s+([a-z_][a-z0-9_]*)\s+([A-Z]+(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?)/.exec(line);
        if (match) columns.push({ name: match[1], type: match[2].replace(/\s+/g, '') });
    }
    if (columns.length === 0) fail(`no columns found in bench/schema/${table}.sql`, 1);
    return columns;
}

// The suite's queries in file-name order: [{ name: 'q1.1', sql, duckdbSql }]. A query whose
// statement differs between the engines (writing a file) has its DuckDB text in
// <name>.duckdb.sql next to <name>.sql; `@RESULTS@` in either stands for the results directory.
export function suiteQueries(suite, resultsDir = '') {
    const dir = path.join(benchDir, 'queries', suite);
    const read = (file) => fs.readFileSync(path.join(dir, file), 'utf8').replaceAll('@RESULTS@', resultsDir);
    return fs
        .readdirSync(dir)
        .filter((file) => file.endsWith('.sql') && !file.endsWith('.duckdb.sql'))
        .sort()
        .map((file) => {
            const name = file.slice(0, -4);
            const sql = read(file);
            const duckdbSql = fs.existsSync(path.join(dir, `${name}.duckdb.sql`)) ? read(`${name}.duckdb.sql`) : sql;
            return { name, sql, duckdbSql };
        });
}

export function tableCsv(dataDir, table) {
    const file = path.join(dataDir, `${tableName(table)}.csv`);
    if (!fs.existsSync(file)) fail(`missing ${file}; generate it with flashlake-gen`, 1);
    return path.resolve(file);
}

export function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(ms) {
    return Math.round(ms * 10) / 10;
}

// One JSON object per line on stdout: what bench/run reads.
export function emit(record) {
    process.stdout.write(JSON.stringify(record) + '\n');
}

// Reference results: <dir>/<query>.tsv, a header line of column names, then one line per row,
// values tab-separated, NULL as 'NULL', tabs, newlines and backslashes in text escaped as \t,
// \n and \\. Each engine turns its values into text (see the runners); the row order is the
// query's, which ORDER BY makes total.
export function writeExpected(dir, name, columnNames, rowsAsText) {
    fs.mkdirSync(dir, { recursive: true });
    const lines = [columnNames.join('\t'), ...rowsAsText.map((row) => row.join('\t'))];
    fs.writeFileSync(path.join(dir, `${name}.tsv`), lines.join('\n') + '\n');
}

export function escapeText(text) {
    return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}
