#!/usr/bin/env bash
# HTTP benchmark of the list, search and get endpoints on a demo database.
#
#   bench/api.sh [DSN] [ACCOUNTS]
#
# DSN is a SQLite path (default bench/out/bench.db) or a postgres:// URL of
# an empty database; ACCOUNTS (default 1000000) is the demo size generated
# when the database has no demo yet (without orders unless ORDERS=true). It prints one JSON line per scenario:
# latency with one client (p50/p95/p99 over many requests), then
# throughput with 32 concurrent clients over a mix of all requests.
# Results and the server log go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
DSN="${1:-bench/out/bench.db}"
ACCOUNTS="${2:-1000000}"
DURATION="${DURATION:-20s}"

go build -o bench/out/guanxi ./cmd/guanxi
go build -o bench/out/load ./bench/load
BIN=bench/out/guanxi

if ! $BIN token create --db "$DSN" --email admin@example.com >/dev/null 2>&1; then
  echo "generating demo with $ACCOUNTS accounts in $DSN" >&2
  /usr/bin/time -f "demo: %e s, %M KiB max RSS" $BIN demo --db "$DSN" --accounts "$ACCOUNTS" --orders="${ORDERS:-false}" | head -n 1
fi
TOKEN=$($BIN token create --db "$DSN" --email admin@example.com --name bench)

$BIN serve --db "$DSN" --addr 127.0.0.1:0 >bench/out/serve.out 2>bench/out/serve.log &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 100); do grep -q "running at" bench/out/serve.out 2>/dev/null && break; sleep 0.2; done
BASE=$(sed -n 's/.*running at \(http[^ ]*\).*/\1/p' bench/out/serve.out)

# Request sets. Lists: filters and sorts a user picks; search: Chinese
# substrings of company names and pinyin initials of people; get: ids.
api="$BASE/api/v1"
python3 - "$api" "$TOKEN" <<'PY' >/dev/null
import json, sys, urllib.request, urllib.parse
api, token = sys.argv[1], sys.argv[2]
def get(path):
    req = urllib.request.Request(api + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))
lists = [f"{api}/accounts?{q}&limit=50" for q in [
    "industry=manufacturing&sort=name", "industry=information_technology&sort=-updated_at",
    "region=%E5%B9%BF%E4%B8%9C%E7%9C%81&sort=-hotness", "source=exhibition&sort=name",
    "size=large&sort=-created_at", "kind=individual&sort=name", "tag=VIP&sort=-updated_at"]]
lists += [f"{api}/contacts?{q}&limit=50" for q in ["level=decision&sort=name", "function=finance&sort=-updated_at"]]
cjk = [f"{api}/accounts?q={urllib.parse.quote(q)}&limit=50" for q in ["华创", "精密机械", "深圳恒泰", "供应链", "生物医药", "杭州", "明德"]]
initials = [f"{api}/contacts?q={q}&limit=50" for q in ["zs", "wf", "lm", "chy", "zw", "ljh", "wxd"]]
ids = []
for sort in ["-updated_at", "name", "-hotness", "created_at"]:
    ids += [a["id"] for a in get(f"/accounts?limit=200&sort={sort}")["items"]]
gets = [f"{api}/accounts/{i}" for i in ids]
for name, urls in [("list", lists), ("search_cjk", cjk), ("search_initials", initials), ("get", gets)]:
    open(f"bench/out/{name}.urls", "w").write("\n".join(urls) + "\n")
open("bench/out/mix.urls", "w").write("\n".join(lists + cjk + initials + gets[:100]) + "\n")
PY

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(uname -m), dsn=${DSN%%\?*}"
for s in list search_cjk search_initials get; do
  printf '%s\t' "$s"
  bench/out/load -urls bench/out/$s.urls -token "$TOKEN" -c 1 -d "$DURATION"
done
printf 'mix_32_clients\t'
bench/out/load -urls bench/out/mix.urls -token "$TOKEN" -c 32 -d "$DURATION"
printf 'get_32_clients\t'
bench/out/load -urls bench/out/get.urls -token "$TOKEN" -c 32 -d "$DURATION"
