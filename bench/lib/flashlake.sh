# shellcheck shell=bash
# Flashlake's column in bench/run (sourced, not run). Kept apart from the peers so that wiring
# the engine in touches this file alone.
#
# flashlake_run_suite SUITE DATA_DIR THREADS RUNS OUT_FILE
#   Writes JSON lines like the peer runners' to OUT_FILE: first
#   {"engine":"flashlake","event":"load",...}, then one
#   {"engine":"flashlake","query":...,"ms":<median>,"min_ms":...,"first_ms":...,"rows":...} per query file in
#   bench/queries/SUITE, or {"engine":"flashlake","query":...,"ms":null,"error":...} when it failed.
#
# Binary: $FLASHLAKE_BIN if set (used as is), else build/release/flashlake, whose `flashlake`
# target is built first (a no-op when up to date; configured like `make release` if needed).
#
# Loading: the warehouse is DATA_DIR/flashlake-warehouse, shared by the suites over the same data
# (ssb and ssb_flat); the tables are in its database `bench`. Each table is created with its bench/schema DDL and loaded with
#   INSERT INTO t SELECT <columns> FROM FILES("path" = "DATA_DIR/t.csv", "format" = "csv",
#                                              "csv.skip_header" = "1")
# A stamp in DATA_DIR/flashlake-warehouse.loaded/<table> records the CSV's size and mtime, the
# DDL's checksum, the row count and the load time; a table whose stamp still matches and whose
# COUNT(*) still equals the recorded count is reused, not reloaded. The load event's ms is the
# engine's time for CREATE + INSERT of the tables loaded in this run; null when all were reused.
#
# Queries: one `flashlake sql --warehouse W --threads THREADS --timing --format tsv` process per
# query file runs the query RUNS times in a row (warm, like the peers' in-process runs); the
# `Time: <ms> ms` lines give the timings (the engine's statement time: parse, plan, execute, not
# printing). The first run's result goes to RESULTS/flashlake/<query>.tsv in the reference format;
# when RESULTS/expected/<query>.tsv exists (bench/run --expected), a differing result is reported
# as "mismatch" with the first differing line. A query that fails, crashes, runs past
# $FLASHLAKE_BENCH_TIMEOUT seconds (default 600, for all its runs) or out of its address space
# ($FLASHLAKE_BENCH_MEMORY_KB, default half the machine's memory) is reported with its error.
# Loading a table has its own limit, $FLASHLAKE_BENCH_LOAD_TIMEOUT (default 3600 s).

# Prints TEXT as a JSON string (quotes included).
flashlake_json_string() {
    local text=$1
    text=${text//\\/\\\\}
    text=${text//\"/\\\"}
    text=${text//$'\t'/\\t}
    text=${text//$'\n'/\\n}
    text=${text//$'\r'/\\r}
    printf '"%s"' "$(printf '%s' "$text" | tr -d '\000-\010\013\014\016-\037')"
}

# Builds $FLASHLAKE unless it comes from $FLASHLAKE_BIN; on failure prints why and returns 1.
flashlake_ensure_binary() {
    if [[ -n ${FLASHLAKE_BIN:-} ]]; then
        [[ -x $FLASHLAKE ]] || { echo "FLASHLAKE_BIN=$FLASHLAKE is not an executable"; return 1; }
        return 0
    fi
    local build_dir=$REPO_DIR/build/release
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$REPO_DIR} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}
    if [[ ! -f $build_dir/build.ninja ]]; then
        cmake -S "$REPO_DIR" -B "$build_dir" -G Ninja -DFL_WERROR=OFF -DCMAKE_BUILD_TYPE=Release >&2 || true
    fi
    printf 'bench: building %s (its target only)\n' "${FLASHLAKE#"$REPO_DIR"/}" >&2
    if ! ninja -C "$build_dir" -j "$(nproc)" flashlake >&2; then
        if [[ -x $FLASHLAKE ]]; then
            printf 'bench: WARNING: the build failed; timing the existing %s, older than the sources\n' \
                "${FLASHLAKE#"$REPO_DIR"/}" >&2
            return 0
        fi
        echo "the release build of flashlake failed (see the build output above)"
        return 1
    fi
}

# Runs SCRIPT_FILE in database `bench` of the warehouse: stdout to OUT (without the `Time:` line
# of the leading USE), stderr to ERR, within TIMEOUT seconds (default $FLASHLAKE_BENCH_TIMEOUT).
# Returns the exit status.
flashlake_sql() {
    local warehouse=$1 threads=$2 script=$3 out=$4 err=$5 timeout=${6:-${FLASHLAKE_BENCH_TIMEOUT:-600}} rc=0
    { printf 'USE bench;\n'; cat "$script"; } >"$script.use"
    # The address-space cap keeps a runaway plan (a cross join) from taking the machine's memory.
    local memory_kb=${FLASHLAKE_BENCH_MEMORY_KB:-$(awk '/^MemTotal:/ { print int($2 / 2) }' /proc/meminfo)}
    (
        ulimit -v "$memory_kb"
        exec timeout "$timeout" "$FLASHLAKE" sql --warehouse "$warehouse" \
            --threads "$threads" ${FLASHLAKE_COLUMN_CACHE_MB:+--column-cache-mb "$FLASHLAKE_COLUMN_CACHE_MB"} --timing --format tsv -f "$script.use"
    ) >"$out.use" 2>"$err" || rc=$?
    tail -n +2 "$out.use" >"$out"
    return $rc
}

# One line saying why a flashlake_sql run failed, from its exit status and stderr.
flashlake_failure() {
    local rc=$1 err=$2 message
    message=$(grep -m1 '^ERROR' "$err" || true)
    [[ -n $message ]] || message=$(grep -v '^[[:space:]]*$' "$err" | head -n 3 | tr '\n' ' ' || true)
    if [[ $rc == 124 ]]; then message="timed out after ${FLASHLAKE_BENCH_TIMEOUT:-600} s${message:+: $message}"
    elif [[ $rc -gt 128 ]]; then message="crashed (signal $((rc - 128)))${message:+: $message}"
    elif [[ -z $message ]]; then message="exit status $rc"; fi
    printf '%s' "$message"
}

# The sum of the `Time:` lines in FILE, in ms.
flashlake_total_ms() { awk '/^Time: [0-9.]+ ms$/ { t += $2 } END { printf "%.1f", t }' "$1"; }

# What identifies a table's loaded data: the CSV's size and mtime and the DDL's checksum.
flashlake_table_key() {
    local data_dir=$1 table=$2 ddl=$3
    printf '%s %s\n' "$(stat -c '%s %Y' "$data_dir/$table.csv")" \
        "$(sha256sum <"$ddl" | cut -c1-16)"
}

# Prints the COUNT(*) of TABLE, or nothing when it cannot be read.
flashlake_count() {
    local warehouse=$1 threads=$2 table=$3 tmp=$4
    printf 'SELECT COUNT(*) FROM %s;\n' "$table" >"$tmp/count.sql"
    flashlake_sql "$warehouse" "$threads" "$tmp/count.sql" "$tmp/count.out" "$tmp/count.err" || return 0
    sed -n 2p "$tmp/count.out"
}

# Loads (or reuses) the suite's tables, then prints the load event's JSON line.
flashlake_load() {
    local suite=$1 data_dir=$2 threads=$3 tmp=$4
    local warehouse=$data_dir/flashlake-warehouse stamps=$data_dir/flashlake-warehouse.loaded
    local tables table key rows stamp columns loaded=() reused=() rows_json="" load_ms=0 error=""
    local earlier_ms=0
    mkdir -p "$warehouse" "$stamps"
    printf 'CREATE DATABASE IF NOT EXISTS bench;\n' >"$tmp/database.sql"
    "$FLASHLAKE" sql --warehouse "$warehouse" -f "$tmp/database.sql" >/dev/null 2>"$tmp/database.err" ||
        error="CREATE DATABASE bench: $(flashlake_failure 1 "$tmp/database.err")"
    case $suite in
        events | parquet) tables=(events) ;;
        ssb) tables=(customer supplier part dates lineorder) ;;
        ssb_flat) tables=(lineorder_flat) ;;
        # TPC-H's DDL is in bench/schema/tpch/ (its customer, part and supplier differ from SSB's).
        tpch) tables=(tpch/region tpch/nation tpch/part tpch/supplier tpch/partsupp tpch/customer tpch/orders
            tpch/lineitem) ;;
    esac
    local entry ddl
    for entry in "${tables[@]}"; do
        table=${entry##*/}
        ddl=$BENCH_DIR/schema/$entry.sql
        key=$(flashlake_table_key "$data_dir" "$table" "$ddl")
        stamp=""
        [[ -f $stamps/$table ]] && stamp=$(cat "$stamps/$table")
        rows=""
        if [[ -n $stamp && ${stamp%$'\n'*} == "$key" ]]; then
            rows=$(flashlake_count "$warehouse" "$threads" "$table" "$tmp")
            # stamp line 2: rows load_ms
            if [[ -n $rows && $rows == "$(sed -n '2{s/ .*//;p}' <<<"$stamp")" ]]; then
                reused+=("$table")
                earlier_ms=$(awk -v a="$earlier_ms" -v b="$(sed -n '2{s/.* //;p}' <<<"$stamp")" 'BEGIN { print a + b }')
                rows_json+="${rows_json:+,}\"$table\":$rows"
                continue
            fi
        fi
        rm -f "$stamps/$table"
        printf 'bench: flashlake: loading %s\n' "$table" >&2
        # Columns by name, in the DDL's order: `name TYPE ...` lines of the table's DDL.
        columns=$(awk '/^[[:space:]]+[a-z_][a-z0-9_]*[[:space:]]+[A-Z]/ { printf "%s%s", sep, $1; sep = ", " }' \
            "$ddl")
        {
            printf 'DROP TABLE IF EXISTS %s;\n' "$table"
            cat "$ddl"
            printf '\nINSERT INTO %s SELECT %s FROM FILES("path" = "%s", "format" = "csv", "csv.skip_header" = "1");\n' \
                "$table" "$columns" "$data_dir/$table.csv"
        } >"$tmp/load.sql"
        local rc=0
        flashlake_sql "$warehouse" "$threads" "$tmp/load.sql" "$tmp/load.out" "$tmp/load.err" \
            "${FLASHLAKE_BENCH_LOAD_TIMEOUT:-3600}" || rc=$?
        if [[ $rc != 0 ]]; then
            error+="${error:+; }$table: $(FLASHLAKE_BENCH_TIMEOUT=${FLASHLAKE_BENCH_LOAD_TIMEOUT:-3600} \
                flashlake_failure "$rc" "$tmp/load.err")"
            continue
        fi
        local ms
        ms=$(flashlake_total_ms "$tmp/load.out")
        rows=$(flashlake_count "$warehouse" "$threads" "$table" "$tmp")
        load_ms=$(awk -v a="$load_ms" -v b="$ms" 'BEGIN { print a + b }')
        loaded+=("$table")
        rows_json+="${rows_json:+,}\"$table\":${rows:-null}"
        [[ -n $rows ]] && printf '%s\n%s %s\n' "$key" "$rows" "$ms" >"$stamps/$table"
    done

    local version note=""
    version="$("$FLASHLAKE" version 2>/dev/null || echo flashlake) (git $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'))"
    [[ -z $(git -C "$REPO_DIR" status --porcelain --untracked-files=no -- src 2>/dev/null) ]] ||
        version+=" + uncommitted changes in src/"
    printf '{"engine":"flashlake","event":"load","version":%s,"threads":%s' "$(flashlake_json_string "$version")" "$threads"
    if [[ -n $error ]]; then
        printf ',"ms":null,"error":%s' "$(flashlake_json_string "$error")"
        note="load failed: $error"
    elif [[ ${#loaded[@]} -eq 0 ]]; then
        printf ',"ms":null,"reused":true'
        note="warehouse reused (data unchanged), load not timed; it took $(printf '%.0f' "$earlier_ms") ms when loaded"
    else
        printf ',"ms":%.1f' "$load_ms"
        [[ ${#reused[@]} -eq 0 ]] || note="reused without reloading: ${reused[*]}"
    fi
    printf ',"rows":{%s}' "$rows_json"
    [[ -z $note ]] || printf ',"note":%s' "$(flashlake_json_string "$note")"
    printf '}\n'
}

# Converts the result part of a TSV output (header and rows) to the reference format: \N is NULL.
flashlake_reference_tsv() { awk -F'\t' -v OFS='\t' '{ for (i = 1; i <= NF; ++i) if ($i == "\\N") $i = "NULL"; print }'; }

# Prints the first line where result file A differs from reference file B, or nothing when they
# match. Fields match as text, or as numbers within a relative 1e-6 when either has more than 6
# fraction digits: a DOUBLE (DuckDB's AVG of a DECIMAL, sums added in another order) against a
# DECIMAL cut at its scale. Exact values (integers, DECIMAL sums) must match digit for digit.
flashlake_first_difference() {
    awk -F'\t' '
        function frac(x) { return index(x, ".") ? length(x) - index(x, ".") : 0 }
        function abs(x) { return x < 0 ? -x : x }
        function field_match(x, y,   m) {
            if ((x "") == (y "")) return 1
            if (x !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ || y !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/) return 0
            if (frac(x) <= 6 && frac(y) <= 6) return 0
            m = abs(x + 0) > abs(y + 0) ? abs(x + 0) : abs(y + 0)
            return abs(x - y) <= 1e-6 * m + 1e-9
        }
        function line_match(x, y,   n, k, fx, fy) {
            if ((x "") == (y "")) return 1
            n = split(x, fx, "\t")
            if (n != split(y, fy, "\t")) return 0
            for (k = 1; k <= n; ++k) if (!field_match(fx[k], fy[k])) return 0
            return 1
        }
        NR == FNR { a[FNR] = $0; count = FNR; next }
        { m = FNR; if (!(FNR in a) || !line_match(a[FNR], $0)) { print FNR; found = 1; exit } }
        END { if (!found && m != count) print m + 1 }' "$1" "$2"
}

# Runs one query file RUNS times and prints its JSON line.
flashlake_query() {
    local query_file=$1 threads=$2 runs=$3 warehouse=$4 results=$5 tmp=$6
    local name text run rc=0
    name=$(basename "$query_file" .sql)
    text=$(sed "s|@RESULTS@|$results|g" "$query_file")
    [[ $text =~ \;[[:space:]]*$ ]] || text+=";"
    for ((run = 0; run < runs; ++run)); do printf '%s\n' "$text"; done >"$tmp/query.sql"
    flashlake_sql "$warehouse" "$threads" "$tmp/query.sql" "$tmp/query.out" "$tmp/query.err" || rc=$?
    local times count
    times=$(awk '/^Time: [0-9.]+ ms$/ { print $2 }' "$tmp/query.out")
    count=$(printf '%s' "$times" | grep -c . || true)
    if [[ $rc != 0 || $count != "$runs" ]]; then
        local error
        error=$(flashlake_failure "$rc" "$tmp/query.err")
        [[ $rc != 0 ]] || error="printed $count timings for $runs runs"
        rm -f "$results/flashlake/$name.tsv"
        printf '{"engine":"flashlake","query":"%s","ms":null,"error":%s}\n' "$name" "$(flashlake_json_string "$error")"
        return
    fi
    # The first run's output: the lines before the first `Time:` line.
    awk '/^Time: [0-9.]+ ms$/ { exit } { print }' "$tmp/query.out" | flashlake_reference_tsv >"$results/flashlake/$name.tsv"
    local rows median min
    rows=$(($(wc -l <"$results/flashlake/$name.tsv") - 1))
    read -r median min < <(sort -g <<<"$times" | awk '{ t[NR] = $1 } END {
        m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
        printf "%.1f %.1f\n", m, t[1] }')
    local first
    first=$(head -n 1 <<<"$times")
    printf '{"engine":"flashlake","query":"%s","ms":%s,"min_ms":%s,"first_ms":%s,"rows":%s' "$name" "$median" "$min" "$first" "$rows"
    local expected=$results/expected/$name.tsv line=""
    if [[ -f $expected ]] && ! cmp -s "$expected" "$results/flashlake/$name.tsv"; then
        line=$(flashlake_first_difference "$results/flashlake/$name.tsv" "$expected")
    fi
    if [[ -n ${line:-} ]]; then
        # Line 1 is the header (column names); rows start at line 2.
        printf ',"mismatch":%s' "$(flashlake_json_string "line $line: flashlake '$(sed -n "${line}p" \
            "$results/flashlake/$name.tsv")', duckdb '$(sed -n "${line}p" "$expected")'")"
    fi
    printf '}\n'
}

# The parquet suite writes the events rows into a second table, events_parquet (created empty
# here, with the events DDL), whose INSERT OVERWRITE writes the Parquet files the scans read.
flashlake_parquet_setup() {
    local data_dir=$1 threads=$2 tmp=$3
    {
        printf 'DROP TABLE IF EXISTS events_parquet;\n'
        sed 's/CREATE TABLE events (/CREATE TABLE events_parquet (/' "$BENCH_DIR/schema/events.sql"
    } >"$tmp/parquet_setup.sql"
    local rc=0
    flashlake_sql "$data_dir/flashlake-warehouse" "$threads" "$tmp/parquet_setup.sql" "$tmp/setup.out" "$tmp/setup.err" || rc=$?
    [[ $rc == 0 ]] || printf 'bench: flashlake: creating events_parquet failed: %s\n' "$(flashlake_failure "$rc" "$tmp/setup.err")" >&2
}

flashlake_run_suite() {
    local suite=$1 data_dir=$2 threads=$3 runs=$4 out_file=$5
    local results tmp reason query_file
    results=$(dirname "$out_file")
    tmp=$(mktemp -d)
    mkdir -p "$results/flashlake"
    FLASHLAKE=${FLASHLAKE_BIN:-$REPO_DIR/build/release/flashlake}
    if ! reason=$(flashlake_ensure_binary); then
        {
            printf '{"engine":"flashlake","event":"load","ms":null,"error":%s,"note":%s}\n' \
                "$(flashlake_json_string "$reason")" "$(flashlake_json_string "not run: $reason")"
            for query_file in "$BENCH_DIR/queries/$suite"/*.sql; do
                printf '{"engine":"flashlake","query":"%s","ms":null,"error":"not run"}\n' "$(basename "$query_file" .sql)"
            done
        } >"$out_file"
        rm -rf "$tmp"
        return
    fi
    # Repeated runs of a query read decoded columns from the column cache, as a server does; the
    # parquet suite measures reading and decoding the files, so it runs with the cache off.
    local FLASHLAKE_COLUMN_CACHE_MB=${FLASHLAKE_COLUMN_CACHE_MB:-}
    [[ $suite != parquet ]] || FLASHLAKE_COLUMN_CACHE_MB=${FLASHLAKE_COLUMN_CACHE_MB:-0}
    flashlake_load "$suite" "$data_dir" "$threads" "$tmp" >"$out_file"
    [[ $suite != parquet ]] || flashlake_parquet_setup "$data_dir" "$threads" "$tmp" >>"$out_file"
    for query_file in "$BENCH_DIR/queries/$suite"/*.sql; do
        [[ $query_file != *.duckdb.sql ]] || continue  # DuckDB's text of a query
        printf 'bench: flashlake: %s\n' "$(basename "$query_file" .sql)" >&2
        flashlake_query "$query_file" "$threads" "$runs" "$data_dir/flashlake-warehouse" "$results" "$tmp" >>"$out_file"
    done
    rm -rf "$tmp"
}
