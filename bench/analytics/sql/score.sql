-- RFM quintile scores, R x F segments and the top-20% profit share, in one
-- statement. run.sh (and duckdb.mjs) fill in three placeholders per engine:
--   @SOURCE@   the per-customer rows as a CTE body: the customers table as
--              it is, or the orders table aggregated per customer
--              (source_*.sql; the aggregate is MATERIALIZED because the
--              statement reads it twice)
--   @RECENCY@  days from last_order to the as-of date
--   @IDIV@     integer division (DuckDB's / is floating point; it uses //)
-- Score = 1 + floor(5 rank / n), rank 0-based over (value, customer_id):
-- the first ceil(n/5) customers score 1 and so on. That is NTILE(5) when n
-- is a multiple of five, and Guanxi's RFMScores with TiesByIndex (customers
-- in id order) for every n. Recency ranks the oldest last order first, so
-- the most recent customers score 5. The top 20% are the ceil(n/5)
-- customers with the largest gross profit (ties do not change the sum).
-- One row per segment: customers, a checksum of every customer's three
-- scores, the top-20% profit (the same on every row) and the segment's
-- total profit.
WITH c AS @SOURCE@,
ranked AS (
  SELECT customer_id, gross_profit,
    row_number() OVER (ORDER BY @RECENCY@ DESC, customer_id) - 1 AS rr,
    row_number() OVER (ORDER BY orders, customer_id) - 1 AS fr,
    row_number() OVER (ORDER BY revenue, customer_id) - 1 AS mr,
    count(*) OVER () AS n
  FROM c
),
scored AS (
  SELECT customer_id, gross_profit,
    5 * rr @IDIV@ n + 1 AS r,
    5 * fr @IDIV@ n + 1 AS f,
    5 * mr @IDIV@ n + 1 AS m
  FROM ranked
),
top AS (
  SELECT sum(gross_profit) AS top20 FROM (
    SELECT gross_profit FROM c ORDER BY gross_profit DESC
    LIMIT (SELECT (count(*) + 4) @IDIV@ 5 FROM c)
  ) t
)
SELECT g.segment,
  count(*) AS customers,
  sum(s.customer_id * (100 * s.r + 10 * s.f + s.m)) AS checksum,
  min(top.top20) AS top20,
  sum(s.gross_profit) AS total
FROM scored s JOIN segments g ON g.r = s.r AND g.f = s.f CROSS JOIN top
GROUP BY g.segment
ORDER BY g.segment;
