#!/usr/bin/env bash
# Analytics peer benchmark: Guanxi's RFM + Pareto (and BTYD fit) beside
# DuckDB, pandas, SQLite and PostgreSQL on the same generated data.
#
#   bash bench/analytics/run.sh                           # 1,000,000 customers, 10,000,000 orders
#   CUSTOMERS=20000 ORDERS=200000 bash bench/analytics/run.sh   # smoke run
#
# Environment (defaults in brackets):
#   CUSTOMERS [1000000]  ORDERS [10000000]  SEED [20261123]  AS_OF [2026-01-01]
#   RUNS [3]             timed runs per engine and input, after one warm-up run
#   ENGINES [guanxi duckdb pandas sqlite postgres]
#   DATA_DIR [${TMPDIR:-/tmp}/guanxi-bench-analytics-CUSTOMERS-ORDERS]
#                        generated CSVs, the SQLite file and binaries; kept for reuse
#   RESULTS [DATA_DIR/results.md]  the results table (also printed)
#   PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres] PGDATABASE [test]
#                        PostgreSQL; tables go to schema bench_analytics, dropped at the end
#   PG_SESSION ["SET work_mem = '1GB';"]  SQL run before the PostgreSQL queries
#   SQLITE_SESSION ["PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1048576;"]
#
# Needs Go, Node.js with npm (DuckDB comes from npm: npm ci here), Debian's
# python3-pandas for /usr/bin/python3, the sqlite3 CLI and psql with a
# PostgreSQL server. It installs nothing with apt: it says what is missing.
# Not part of CI: it runs for minutes and needs the whole machine.
#
# Every engine prints a CHECK line (segment counts, a checksum of every
# customer's R, F and M scores, top-20% and total gross profit, share); the
# run fails unless all CHECK lines agree. See docs/benchmarks.md.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

CUSTOMERS="${CUSTOMERS:-1000000}"
ORDERS="${ORDERS:-10000000}"
SEED="${SEED:-20261123}"
AS_OF="${AS_OF:-2026-01-01}"
RUNS="${RUNS:-3}"
ENGINES="${ENGINES:-guanxi duckdb pandas sqlite postgres}"
DATA_DIR="${DATA_DIR:-${TMPDIR:-/tmp}/guanxi-bench-analytics-$CUSTOMERS-$ORDERS}"
RESULTS="${RESULTS:-$DATA_DIR/results.md}"
export PGOPTIONS="${PGOPTIONS:--c client_min_messages=warning}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
PG_SESSION="${PG_SESSION:-SET work_mem = '1GB';}"
SQLITE_SESSION="${SQLITE_SESSION:-PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1048576;}"
PYTHON=/usr/bin/python3

# --- prerequisites -----------------------------------------------------------
missing=()
for e in $ENGINES; do
  case $e in
    guanxi) command -v go >/dev/null || missing+=("Go toolchain") ;;
    duckdb) command -v npm >/dev/null || missing+=("Node.js and npm (apt-get install nodejs npm)") ;;
    pandas) $PYTHON -c 'import pandas' 2>/dev/null || missing+=("pandas for $PYTHON (apt-get update && apt-get install -y python3-pandas)") ;;
    sqlite) command -v sqlite3 >/dev/null || missing+=("sqlite3 CLI (apt-get install -y sqlite3)") ;;
    postgres)
      command -v psql >/dev/null || missing+=("psql (apt-get install -y postgresql-client)")
      pg_isready -q 2>/dev/null || missing+=("a PostgreSQL server at $PGHOST:$PGPORT (trust auth, database $PGDATABASE)") ;;
    *) echo "unknown engine $e (want guanxi duckdb pandas sqlite postgres)" >&2; exit 2 ;;
  esac
done
if ((${#missing[@]})); then
  printf 'missing: %s\n' "${missing[@]}" >&2
  echo "install them, or leave engines out with ENGINES=..." >&2
  exit 2
fi

mkdir -p "$DATA_DIR/bin" "$DATA_DIR/log"
rm -f "$DATA_DIR"/log/*
log() { echo "== $*" >&2; }

# --- data --------------------------------------------------------------------
(cd "$ROOT" && go build -o "$DATA_DIR/bin/gen" ./bench/analytics/gen && go build -o "$DATA_DIR/bin/guanxi-bench" ./bench/analytics/guanxi)
stamp="$CUSTOMERS $ORDERS $SEED $AS_OF $(sha256sum "$DATA_DIR/bin/gen" | cut -c1-16)"
if [ "$(cat "$DATA_DIR/stamp" 2>/dev/null)" != "$stamp" ]; then
  log "generating $CUSTOMERS customers, $ORDERS orders in $DATA_DIR"
  rm -f "$DATA_DIR/stamp" "$DATA_DIR/sqlite.db"
  start=$(date +%s)
  "$DATA_DIR/bin/gen" -customers "$CUSTOMERS" -orders "$ORDERS" -seed "$SEED" -asof "$AS_OF" -out "$DATA_DIR"
  log "generated in $(($(date +%s) - start)) s"
  (cd "$DATA_DIR" && sha256sum orders.csv customers.csv segments.csv >sha256)
  echo "$stamp" >"$DATA_DIR/stamp"
fi

# --- engines -----------------------------------------------------------------
# Each engine function prints lines "CHECK <input> ..." and
# "TIME <input> best=S median=S runs=N" on stdout.

# sql_score DIALECT INPUT: sql/score.sql with the placeholders filled in.
sql_score() {
  local recency idiv
  case $1 in
    sqlite) recency="CAST(julianday('$AS_OF') - julianday(last_order) AS INTEGER)" idiv="/" ;;
    postgres) recency="(DATE '$AS_OF' - last_order)" idiv="/" ;;
  esac
  awk -v src="$(cat "$HERE/sql/source_$2.sql")" -v rec="$recency" -v idiv="$idiv" '
    /^--/ { next }
    { gsub(/@SOURCE@/, src); gsub(/@RECENCY@/, rec); gsub(/@IDIV@/, idiv); print }' "$HERE/sql/score.sql"
}

# sql_script DIALECT: the warm-up and timed runs of both inputs, each run
# announced by a line "MARK <input> <run>".
sql_script() {
  local input k
  for input in customers orders; do
    for k in $(seq 0 "$RUNS"); do
      if [ "$1" = sqlite ]; then echo ".print MARK $input $k"; else echo "\\echo MARK $input $k"; fi
      sql_score "$1" "$input"
    done
  done
}

# summarize: turn the CLI output (MARK lines, result rows "segment,customers,
# checksum,top20,total", timing lines with seconds in $2) into CHECK/TIME lines.
summarize() {
  LC_ALL=C awk -F, '
    /^MARK / { split($0, w, " "); input = w[2]; run = w[3]; next }
    /^Run Time: real / { split($0, w, " "); t = w[4]; record(t); next }
    /^Time: / { split($0, w, " "); t = w[2] / 1000; record(t); next }
    NF == 5 && run == 1 { rows[input, $1] = $2 "," $3 "," $4 "," $5; segs[input] = segs[input] " " $1; next }
    function record(t) { if (run > 0) { times[input] = times[input] " " t } }
    END {
      n = split("customers orders", inputs, " ")
      for (i = 1; i <= n; i++) {
        in_ = inputs[i]; if (!(in_ in times)) continue
        k = split(segs[in_], list, " ")
        # sort names (C order)
        for (a = 1; a <= k; a++) for (b = a + 1; b <= k; b++) if (list[b] < list[a]) { x = list[a]; list[a] = list[b]; list[b] = x }
        out = ""; cs = 0; top = 0; tot = 0
        for (a = 1; a <= k; a++) {
          split(rows[in_, list[a]], v, ",")
          out = out (a > 1 ? "," : "") list[a] ":" v[1]; cs += v[2]; top = v[3]; tot += v[4]
        }
        printf "CHECK %s segments=%s checksum=%.0f top20=%.0f total=%.0f share=%.6f\n", in_, out, cs, top, tot, top / tot
        c = split(times[in_], ts, " ")
        for (a = 1; a <= c; a++) for (b = a + 1; b <= c; b++) if (ts[b] + 0 < ts[a] + 0) { x = ts[a]; ts[a] = ts[b]; ts[b] = x }
        med = (c % 2) ? ts[(c + 1) / 2] : (ts[c / 2] + ts[c / 2 + 1]) / 2
        printf "TIME %s best=%.4f median=%.4f runs=%d\n", in_, ts[1], med, c
      }
    }'
}

run_guanxi() {
  "$DATA_DIR/bin/guanxi-bench" -customers "$DATA_DIR/customers.csv" -asof "$AS_OF" -runs "$((RUNS > 5 ? RUNS : 5))" -btyd-runs "$RUNS"
}

run_duckdb() {
  if [ ! -f "$HERE/node_modules/.package-lock.json" ] || [ "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]; then
    (cd "$HERE" && npm ci --no-audit --no-fund >&2)
  fi
  node "$HERE/duckdb.mjs" "$DATA_DIR" "$AS_OF" "$RUNS"
}

run_pandas() {
  $PYTHON "$HERE/pandas_rfm.py" "$DATA_DIR" "$AS_OF" "$RUNS"
}

run_sqlite() {
  local db="$DATA_DIR/sqlite.db"
  if [ ! -f "$db" ]; then
    log "sqlite: importing the CSVs (not timed)"
    sqlite3 "$db.tmp" <<EOF
CREATE TABLE orders (customer_id INTEGER NOT NULL, order_date TEXT NOT NULL, amount INTEGER NOT NULL, gross_profit INTEGER NOT NULL);
CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, first_order TEXT NOT NULL, last_order TEXT NOT NULL,
  orders INTEGER NOT NULL, revenue INTEGER NOT NULL, gross_profit INTEGER NOT NULL);
CREATE TABLE segments (r INTEGER NOT NULL, f INTEGER NOT NULL, segment TEXT NOT NULL, PRIMARY KEY (r, f));
.import --csv --skip 1 $DATA_DIR/orders.csv orders
.import --csv --skip 1 $DATA_DIR/customers.csv customers
.import --csv --skip 1 $DATA_DIR/segments.csv segments
ANALYZE;
EOF
    mv "$db.tmp" "$db"
  fi
  echo "sqlite $(sqlite3 --version | cut -d' ' -f1)" >&2
  { echo "$SQLITE_SESSION"; echo ".mode csv"; echo ".headers off"; echo ".timer on"; sql_script sqlite; } \
    | sqlite3 "$db" >"$DATA_DIR/log/sqlite.out"
  summarize <"$DATA_DIR/log/sqlite.out"
}

run_postgres() {
  local psql=(psql -X -q -v ON_ERROR_STOP=1)
  trap '"${psql[@]}" -c "DROP SCHEMA IF EXISTS bench_analytics CASCADE" >/dev/null 2>&1 || true' EXIT
  log "postgres: loading the CSVs (not timed)"
  "${psql[@]}" >&2 <<EOF
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_analytics CASCADE;
CREATE SCHEMA bench_analytics;
SET search_path = bench_analytics;
CREATE TABLE orders (customer_id integer NOT NULL, order_date date NOT NULL, amount bigint NOT NULL, gross_profit bigint NOT NULL);
CREATE TABLE customers (customer_id integer PRIMARY KEY, first_order date NOT NULL, last_order date NOT NULL,
  orders bigint NOT NULL, revenue bigint NOT NULL, gross_profit bigint NOT NULL);
CREATE TABLE segments (r bigint NOT NULL, f bigint NOT NULL, segment text NOT NULL, PRIMARY KEY (r, f));
\copy orders FROM '$DATA_DIR/orders.csv' WITH (FORMAT csv, HEADER true)
\copy customers FROM '$DATA_DIR/customers.csv' WITH (FORMAT csv, HEADER true)
\copy segments FROM '$DATA_DIR/segments.csv' WITH (FORMAT csv, HEADER true)
VACUUM ANALYZE orders;
VACUUM ANALYZE customers;
VACUUM ANALYZE segments;
EOF
  echo "postgres $("${psql[@]}" -At -c 'SHOW server_version'), $("${psql[@]}" -At -c "SELECT string_agg(name || '=' || current_setting(name), ' ') FROM pg_settings WHERE name IN ('shared_buffers', 'jit', 'max_parallel_workers_per_gather')")" >&2
  { echo "SET search_path = bench_analytics;"; echo "$PG_SESSION"; echo '\pset format unaligned'; echo '\pset fieldsep ,';
    echo '\pset tuples_only on'; echo '\timing on'; sql_script postgres; } \
    | "${psql[@]}" >"$DATA_DIR/log/postgres.out"
  summarize <"$DATA_DIR/log/postgres.out"
  "${psql[@]}" -c "DROP SCHEMA bench_analytics CASCADE" >/dev/null
  trap - EXIT
}

# --- run ---------------------------------------------------------------------
out="$DATA_DIR/log/lines"
: >"$out"
for e in $ENGINES; do
  log "$e (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  "run_$e" 2> >(tee "$DATA_DIR/log/$e.err" >&2) | while read -r kind rest; do
    echo "$kind $e $rest"
  done | tee -a "$out"
  echo "LOAD $e $load_before $(cut -d' ' -f1 /proc/loadavg)" >>"$out"
done

# --- check and report --------------------------------------------------------
status=0
checks=$(grep '^CHECK ' "$out" | cut -d' ' -f4- | sort -u | wc -l)
if [ "$checks" -ne 1 ]; then
  echo "ENGINES DISAGREE:" >&2
  grep '^CHECK ' "$out" >&2
  status=1
fi

{
  echo "## Analytics peer benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`CUSTOMERS=$CUSTOMERS ORDERS=$ORDERS RUNS=$RUNS bash bench/analytics/run.sh\` (seed $SEED, as of $AS_OF)"
  echo
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo
  echo "| engine | input | computes | best s | median s | timed runs | load avg before → after |"
  echo "|---|---|---|---|---|---|---|"
  grep '^TIME ' "$out" | while read -r _ e input rest; do
    best=$(sed -n 's/.*best=\([^ ]*\).*/\1/p' <<<"$rest")
    med=$(sed -n 's/.*median=\([^ ]*\).*/\1/p' <<<"$rest")
    runs=$(sed -n 's/.*runs=\([^ ]*\).*/\1/p' <<<"$rest")
    loads=$(awk -v e="$e" '$1 == "LOAD" && $2 == e { print $3 " → " $4 }' "$out")
    case $input in
      customers) what="RFM scores + segments + top-20% share, from the per-customer table" ;;
      orders) what="aggregate the order table per customer, then the same" ;;
      btyd_days) what="Compress + BG/NBD fit + Gamma-Gamma fit, every customer; t_x, T in days" ;;
      btyd_weeks) what="the same with t_x, T rounded to whole weeks" ;;
    esac
    echo "| $e | $input | $what | $best | $med | $runs | $loads |"
  done
  echo
  echo "Agreement: $( [ $status -eq 0 ] && echo "all $(grep -c '^CHECK ' "$out") CHECK lines identical" || echo "**engines disagree**")"
  echo
  echo '```'
  grep '^CHECK ' "$out" | head -n1 | cut -d' ' -f4-
  grep '^BTYD ' "$out" || true
  echo '```'
  echo
  echo "Versions: go $(go env GOVERSION | sed 's/^go//'); $(grep -h -o 'duckdb v[0-9.]*' "$DATA_DIR/log/duckdb.err" 2>/dev/null || true); $(grep -h -o 'pandas [0-9.]*' "$DATA_DIR/log/pandas.err" 2>/dev/null || true); $(grep -h -o 'sqlite [0-9.]*' "$DATA_DIR/log/sqlite.err" 2>/dev/null || true); $(grep -h '^postgres' "$DATA_DIR/log/postgres.err" 2>/dev/null || true)"
  echo
  echo "Data sha256: $(cut -c1-16 "$DATA_DIR/sha256" | paste -sd' ') (orders, customers, segments)"
} >"$RESULTS"
echo >&2
cat "$RESULTS"
exit $status
