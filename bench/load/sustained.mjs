#!/usr/bin/env node
// Sustained ingestion: N concurrent loaders each send CSV batches of B rows by HTTP stream load to
// a running `flashlake serve` for S seconds. After each load returns Success, the loader queries
// the batch's rows (every row carries its batch's label) through POST /api/query until all are
// there: the visibility lag is the time from the load's return until a query that sees them
// returned (so it includes that query's own run time over the whole growing table). Prints failed loads, load latency p50/p99/max, throughput, and the visibility lags.
//
//   node bench/load/sustained.mjs --port HTTP_PORT [--loaders 20] [--rows 1000] [--seconds 60]
//                                 [--db bench] [--table sustained]
// The table must exist: (id BIGINT, tag VARCHAR(64), amount DECIMAL(12,2)).

function argument(name, fallback) {
    const index = process.argv.indexOf(`--${name}`);
    return index < 0 ? fallback : process.argv[index + 1];
}

const port = argument('port');
if (!port) {
    console.error('usage: node bench/load/sustained.mjs --port HTTP_PORT [--loaders N] [--rows B] [--seconds S]');
    process.exit(2);
}
const loaders = Number(argument('loaders', '20'));
const batchRows = Number(argument('rows', '1000'));
const seconds = Number(argument('seconds', '60'));
const db = argument('db', 'bench');
const table = argument('table', 'sustained');
const base = `http://127.0.0.1:${port}`;
const auth = 'Basic ' + Buffer.from(process.env.FLASHLAKE_BENCH_AUTH ?? 'root:bench').toString('base64');

const latencies = [];
const lags = [];
let failed = 0;
let loaded = 0;
let notVisibleWithin1s = 0;
let visibleAtFirstQuery = 0;
const failures = [];

function now() {
    return Number(process.hrtime.bigint()) / 1e6;
}

async function countRows(label) {
    const response = await fetch(`${base}/api/query`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: `SELECT COUNT(*) FROM ${db}.${table} WHERE tag = '${label}'` }),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(JSON.stringify(result));
    return Number(result.rows[0][0]);
}

async function loader(id, deadline) {
    for (let n = 1; now() < deadline; ++n) {
        const label = `sustained-${process.pid}-${id}-${n}`;
        let body = '';
        for (let i = 0; i < batchRows; ++i) body += `${n * batchRows + i},${label},${(i % 1000) / 10}\n`;
        const started = now();
        let result;
        try {
            const response = await fetch(`${base}/api/${db}/${table}/_stream_load`, {
                method: 'PUT',
                headers: { Authorization: auth, label, column_separator: ',' },
                body,
            });
            result = await response.json();
        } catch (error) {
            result = { Status: 'Fail', Message: String(error) };
        }
        const returned = now();
        latencies.push(returned - started);
        if (result.Status !== 'Success') {
            ++failed;
            if (failures.length < 5) failures.push(result.Message);
            continue;
        }
        loaded += batchRows;
        // Visible? Query until the batch's rows are all there.
        for (let query = 1; ; ++query) {
            const count = await countRows(label);
            if (count === batchRows) {
                if (query === 1) ++visibleAtFirstQuery;
                break;
            }
            if (count > batchRows) throw new Error(`label ${label}: ${count} rows`);
        }
        const lag = now() - returned;
        lags.push(lag);
        if (lag > 1000) ++notVisibleWithin1s;
    }
}

function percentile(values, p) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

const start = now();
const deadline = start + seconds * 1000;
await Promise.all(Array.from({ length: loaders }, (_, i) => loader(i + 1, deadline)));
const elapsed = (now() - start) / 1000;
const report = {
    loaders,
    batch_rows: batchRows,
    seconds: Math.round(elapsed),
    loads: latencies.length,
    failed_loads: failed,
    rows_loaded: loaded,
    rows_per_s: Math.round(loaded / elapsed),
    latency_ms: {
        p50: Math.round(percentile(latencies, 50)),
        p99: Math.round(percentile(latencies, 99)),
        max: Math.round(Math.max(...latencies)),
    },
    visibility_lag_ms: {
        p50: Math.round(percentile(lags, 50)),
        p99: Math.round(percentile(lags, 99)),
        max: Math.round(Math.max(...lags)),
    },
    loads_not_visible_within_1s: notVisibleWithin1s,
    // Rows a query issued right after the load returned already saw (the lag is then that query's time).
    loads_visible_at_first_query: visibleAtFirstQuery,
    first_failures: failures,
};
console.log(JSON.stringify(report, null, 2));
