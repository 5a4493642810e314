#!/usr/bin/env bash
# The flashlake sql shell as a user runs it: -e, -f, stdin, output formats, --timing, --threads, errors.
set -uo pipefail
flashlake="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0

check() {  # check NAME CONDITION-EXIT-CODE
    if [[ "$2" == 0 ]]; then passes=$((passes + 1)); else echo "FAIL: $1"; failures=$((failures + 1)); fi
}

out=$("$flashlake" sql --warehouse "$work/w" -e "SELECT 1+1, concat('a','b'), CAST('2024-01-01' AS DATE) + INTERVAL 1 DAY")
check "exit code of a good -e" $?
grep -Eq '^\| +2 \| ab +\| 2024-01-02 +\|$' <<<"$out"; check "table output row (got: $out)" $?
grep -q '^+---' <<<"$out"; check "table output has rules" $?

out=$("$flashlake" sql --warehouse "$work/w" --format csv -e "SELECT 1 AS a, 'x,y' AS b, NULL AS c")
check "csv exit code" $?
[[ "$out" == $'a,b,c\n1,"x,y",\\N' ]]; check "csv output (got: $out)" $?

out=$("$flashlake" sql --warehouse "$work/w" --format tsv -e "SELECT 'a	b' AS t")
[[ "$out" == $'t\na\\tb' ]]; check "tsv output escapes tabs (got: $out)" $?

out=$("$flashlake" sql --warehouse "$work/w" --format json -e "SELECT 1 AS n, 'q\"' AS s, NULL AS z")
[[ "$out" == *'{"n": 1, "s": "q\"", "z": null}'* ]]; check "json output (got: $out)" $?

err=$("$flashlake" sql --warehouse "$work/w" -e "SELECT 1 FORM t" 2>&1 >/dev/null)
code=$?
[[ $code -ne 0 ]]; check "syntax error exits non-zero" $?
[[ "$err" == "ERROR 1064 (42000): syntax error at line 1, column 10 near 'FORM'"* ]]; check "syntax error text (got: $err)" $?

err=$("$flashlake" sql --warehouse "$work/w" -e "SELECT nope" 2>&1 >/dev/null)
[[ "$err" == "ERROR 1054 (42S22): Unknown column 'nope' in 'field list'"* ]]; check "unknown column (got: $err)" $?

out=$("$flashlake" sql --warehouse "$work/w" --timing -e "SELECT 1; SELECT 2")
[[ $(grep -c '^Time: [0-9.]* ms$' <<<"$out") == 2 ]]; check "timing line per statement (got: $out)" $?

printf 'SELECT 10;\nSELECT\n  20;\n' >"$work/script.sql"
out=$("$flashlake" sql --warehouse "$work/w" --format csv -f "$work/script.sql")
[[ "$out" == $'10\n10\n20\n20' ]]; check "-f runs every statement (got: $out)" $?

out=$(echo "SELECT 'piped';" | "$flashlake" sql --warehouse "$work/w" --format tsv)
[[ "$out" == $'\'piped\'\npiped' ]]; check "statements from stdin (got: $out)" $?

# An error in the middle stops the script and the exit code says so.
out=$("$flashlake" sql --warehouse "$work/w" --format csv -e "SELECT 1; SELECT 1/ ; SELECT 3" 2>/dev/null)
code=$?
[[ $code -ne 0 ]]; check "script with an error exits non-zero" $?

out=$("$flashlake" sql --warehouse "$work/w" --threads 3 --format csv -e "SELECT 7 AS n")
[[ "$out" == $'n\n7' ]]; check "--threads N (got: $out)" $?
"$flashlake" sql --warehouse "$work/w" --threads 0 -e "SELECT 1" >/dev/null 2>&1
[[ $? -eq 2 ]]; check "--threads 0 is a usage error" $?

"$flashlake" sql --warehouse "$work/w" --format yaml -e "SELECT 1" >/dev/null 2>&1
[[ $? -eq 2 ]]; check "unknown format is a usage error" $?

echo "shell_test: $passes passed, $failures failed"
[[ $failures -eq 0 ]]
