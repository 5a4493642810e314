#!/usr/bin/env bash
# Builds the libFuzzer targets of test/fuzz with clang in a build directory of their own and runs
# each for a bounded time. Fails on any crash, sanitizer report, leak, or input taking over 1 s
# (-timeout=1), and fails loudly when clang or libFuzzer is missing: never a silent skip.
#
# usage: run_fuzzers.sh SOURCE_DIR BUILD_DIR SECONDS_PER_TARGET [TARGET...]
set -euo pipefail

source_dir=$1
build_dir=$2
seconds=$3
shift 3
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_sql_parser fuzz_mysql_packets fuzz_http_request fuzz_stream_load fuzz_parquet_decoders)
fuzz_dir=$source_dir/test/fuzz

cxx=${FL_FUZZ_CXX:-clang++}
cc=${FL_FUZZ_CC:-clang}
if ! command -v "$cxx" >/dev/null 2>&1; then
    echo "run_fuzzers: FAIL: $cxx not found; install clang and libclang-rt-14-dev (scripts/install-deps.sh)" >&2
    exit 1
fi
probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
    >"$probe_dir/probe.cc"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe_dir/probe.cc" -o "$probe_dir/probe" 2>"$probe_dir/err"; then
    echo "run_fuzzers: FAIL: $cxx cannot link libFuzzer (is libclang-rt-14-dev installed?):" >&2
    cat "$probe_dir/err" >&2
    exit 1
fi

if [[ ! -f $build_dir/build.ninja ]]; then
    cmake -S "$source_dir" -B "$build_dir" -G Ninja -DFL_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
        -DFL_NATIVE_ARCH=OFF >/dev/null
fi
ninja -C "$build_dir" -j "${FL_FUZZ_JOBS:-2}" "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# A timeout that does not reproduce when its input is run again alone was the machine being busy
# (the suite runs tests in parallel on shared cores), not a slow parse: fuzzing then resumes for
# the rest of the target's time. A timeout that reproduces fails like any other finding.
timeouts_reproduce() {
    local binary=$1 artifacts=$2 input
    for input in "$artifacts"/*; do
        [[ $(basename "$input") == timeout-* ]] || return 0
        for _ in 1 2 3; do
            "$binary" -timeout=1 -runs=1 "$input" >/dev/null 2>&1 || return 0
        done
        echo "run_fuzzers: a timeout on $input did not reproduce in 3 runs alone" \
            "(load: $(cut -d' ' -f1-3 /proc/loadavg)); resuming" >&2
        mv "$input" "$input.not-reproduced"
    done
    return 1
}

failed=()
for target in "${targets[@]}"; do
    work=$build_dir/runs/$target
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    dict=()
    [[ -f $fuzz_dir/$target.dict ]] && dict=(-dict="$fuzz_dir/$target.dict")
    echo "run_fuzzers: $target for ${seconds}s"
    deadline=$((SECONDS + seconds))
    status=ok
    while ((SECONDS < deadline)); do
        # New inputs go to the scratch corpus; the checked-in seeds are read only.
        if "$build_dir/$target" -max_total_time=$((deadline - SECONDS)) -timeout=1 -rss_limit_mb=2048 \
            -max_len=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "${dict[@]}" \
            "$work/corpus" "$fuzz_dir/corpus/$target" >>"$work/log" 2>&1; then
            break
        fi
        if timeouts_reproduce "$build_dir/$target" "$work/artifacts"; then
            status=failed
            break
        fi
    done
    if [[ $status == ok ]]; then
        grep -E '^stat::(number_of_executed_units|new_units_added)' "$work/log" | tr '\n' ' '
        echo
    else
        echo "run_fuzzers: FAIL: $target found a problem; the input is in $work/artifacts/:" >&2
        grep -av '^#[0-9]' "$work/log" | tail -60 >&2
        failed+=("$target")
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "run_fuzzers: FAIL: ${failed[*]}" >&2
    exit 1
fi
echo "run_fuzzers: all ${#targets[@]} targets ran ${seconds}s each without a finding"
