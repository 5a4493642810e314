#!/usr/bin/env bash
# ctest sql_bench: runs test/sql/bench/*.test (the benchmark suites' queries with DuckDB's
# answers, written by bench/sqltest-suites) on data generated here. Each file names its data in
# its header (`#   flashlake-gen ...`) and its variable (`require VAR`); flashlake-gen is built
# from bench/gen on its own, so this works when the top-level build leaves bench/gen out.
# The files run twice: in-process, then over the MySQL protocol (sqltest --backend mysql).
#
#   bench_sql_test.sh FLASHLAKE_BIN SOURCE_DIR WORK_DIR
set -euo pipefail

flashlake=${1:?flashlake binary}
source_dir=${2:?source dir}
work_dir=${3:?work dir}
mkdir -p "$work_dir"

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[[ -f $work_dir/gen/CMakeCache.txt ]] ||
    cmake -S "$source_dir/bench/gen" -B "$work_dir/gen" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work_dir/gen" --parallel 2 >/dev/null
gen=$work_dir/gen/flashlake-gen

vars=()
for test_file in "$source_dir"/test/sql/bench/*.test; do
    command_line=$(sed -n 's/^#[[:space:]]*flashlake-gen \(.*\)$/\1/p' "$test_file" | head -n 1)
    var=$(sed -n 's/^require \([A-Z_]*\)$/\1/p' "$test_file" | head -n 1)
    if [[ -z $command_line || -z $var ]]; then
        echo "bench_sql_test: $test_file names no flashlake-gen command or require line" >&2
        exit 1
    fi
    data=$work_dir/data/$var
    # Regenerated when the command or the generator changed (the stamp holds both).
    stamp="$command_line $(stat -c %Y "$gen")"
    if [[ ! -f $data/.stamp || $(cat "$data/.stamp") != "$stamp" ]]; then
        rm -rf "$data"
        read -r -a args <<<"$command_line"
        "$gen" "${args[@]}" --out "$data" >/dev/null
        printf '%s' "$stamp" >"$data/.stamp"
    fi
    vars+=(--var "$var=$data")
done

failed=0
for backend in inprocess mysql; do
    echo "== backend $backend"
    "$flashlake" sqltest --backend "$backend" "${vars[@]}" "$source_dir/test/sql/bench" || failed=1
done
exit $failed
