#!/usr/bin/env node
// Prints bench/run's table for one suite from the engines' JSON lines.
//
//   node bench/lib/report.mjs --title TEXT --engine Flashlake=FILE --engine DuckDB=FILE [--engine chDB=FILE]
//
// The first engine is the one measured, the second the baseline: ratio = first / second, so
// below 1 means Flashlake is faster. Further engines get a column but no ratio. Query order and
// the rows column come from the baseline. A row count that differs from the baseline's is
// flagged with '!', since the same query on the same data must return the same rows; a record's
// "mismatch" (its result differs from the reference .tsv) and "error" are listed below the table.

import fs from 'node:fs';

function parseArgs(argv) {
    const args = { title: '', engines: [] };
    for (let i = 0; i < argv.length; i += 2) {
        if (argv[i] === '--title') args.title = argv[i + 1];
        else if (argv[i] === '--engine') {
            const [name, file] = argv[i + 1].split(/=(.*)/s);
            args.engines.push({ name, file });
        } else throw new Error(`bad argument ${argv[i]}`);
    }
    if (args.engines.length < 2) throw new Error('need at least two --engine NAME=FILE');
    return args;
}

// { load: record | null, queries: Map(name -> record) } from a JSON-lines file (missing = empty).
function readResults(file) {
    const results = { load: null, queries: new Map() };
    if (!fs.existsSync(file)) return results;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line.startsWith('{')) continue;
        const record = JSON.parse(line);
        if (record.event === 'load') results.load = record;
        else if (record.query) results.queries.set(record.query, record);
    }
    return results;
}

const hasTime = (record) => record != null && typeof record.ms === 'number';
const formatMs = (record) => (hasTime(record) ? record.ms.toFixed(1) : record?.error ? 'error' : 'n/a');

// A 0.0 ms timing counts as 0.01 ms so that its logarithm exists.
function geomean(values) {
    if (values.length === 0) return null;
    return Math.exp(values.reduce((sum, v) => sum + Math.log(Math.max(v, 0.01)), 0) / values.length);
}

function main() {
    const args = parseArgs(process.argv.slice(2));
    const engines = args.engines.map((engine) => ({ ...engine, results: readResults(engine.file) }));
    const [measured, baseline] = engines;
    const names = [...baseline.results.queries.keys()];
    for (const engine of engines) {
        for (const name of engine.results.queries.keys()) if (!names.includes(name)) names.push(name);
    }

    const header = ['query', 'rows', ...engines.map((e) => `${e.name} ms`), 'ratio'];
    const body = [];
    const notes = [];
    for (const name of names) {
        const base = baseline.results.queries.get(name);
        let rows = base?.rows != null ? String(base.rows) : '';
        const cells = engines.map((engine) => {
            const record = engine.results.queries.get(name);
            if (record?.error) notes.push(`${engine.name} ${name}: ${record.error.split('\n')[0]}`);
            if (record?.mismatch) notes.push(`${engine.name} ${name}: result differs, ${record.mismatch}`);
            if (record?.rows != null && base?.rows != null && record.rows !== base.rows && !rows.endsWith('!')) {
                rows += '!';
                notes.push(`${engine.name} ${name}: ${record.rows} rows, ${baseline.name} ${base.rows}`);
            }
            return formatMs(record);
        });
        const mine = measured.results.queries.get(name);
        const ratio = hasTime(mine) && hasTime(base) && base.ms > 0 ? (mine.ms / base.ms).toFixed(2) : 'n/a';
        body.push([name, rows, ...cells, ratio]);
    }

    // Geometric means over the queries each engine timed; the ratio's over the queries both timed.
    const timed = (engine) => [...engine.results.queries.values()].filter(hasTime).map((r) => r.ms);
    const means = engines.map((engine) => geomean(timed(engine)));
    const [ours, theirs] = [measured.results.queries, baseline.results.queries];
    const both = names.filter((n) => hasTime(ours.get(n)) && hasTime(theirs.get(n)));
    const ratioMean = geomean(both.map((n) => ours.get(n).ms / theirs.get(n).ms));
    const meanCells = means.map((m) => (m === null ? 'n/a' : m.toFixed(1)));
    body.push(['geomean', '', ...meanCells, ratioMean === null ? 'n/a' : ratioMean.toFixed(2)]);
    const formatLoad = (load) => (load?.reused ? 'reused' : formatMs(load));
    body.push(['load', '', ...engines.map((e) => formatLoad(e.results.load)), '']);

    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const pad = (cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]));
    const line = (row) => row.map(pad).join('  ');
    const rule = widths.map((w) => '-'.repeat(w)).join('  ');
    const out = [args.title, line(header), rule, ...body.slice(0, -2).map(line), rule, ...body.slice(-2).map(line)];
    for (const engine of engines) {
        const load = engine.results.load;
        if (load?.version) out.push(`${engine.name}: ${load.version}, ${load.threads} threads`);
        if (load?.note) out.push(`${engine.name}: ${load.note}`);
    }
    for (const note of notes) out.push(`! ${note}`);
    process.stdout.write(out.join('\n') + '\n');
}

main();
