"""pandas side of the analytics peer benchmark (bench/analytics/run.sh).

    /usr/bin/python3 pandas_rfm.py DATA_DIR AS_OF RUNS

Loads the three CSVs written by gen into DataFrames (not timed), then
computes the same RFM scores, R x F segments and top-20% profit share as
sql/score.sql, from the customers frame and from the orders frame
(aggregated per customer with groupby): one warm-up run and RUNS timed runs
each. Prints a CHECK and a TIME line per input.
"""
import statistics
import sys
import time

import numpy as np
import pandas as pd

data_dir, as_of, runs = sys.argv[1], pd.Timestamp(sys.argv[2]), int(sys.argv[3])

t = time.perf_counter()
orders = pd.read_csv(f"{data_dir}/orders.csv", parse_dates=["order_date"],
                     dtype={"customer_id": "int64", "amount": "int64", "gross_profit": "int64"})
customers = pd.read_csv(f"{data_dir}/customers.csv", parse_dates=["first_order", "last_order"],
                        dtype={"customer_id": "int64", "orders": "int64", "revenue": "int64",
                               "gross_profit": "int64"}).set_index("customer_id")
segments = pd.read_csv(f"{data_dir}/segments.csv")
print(f"pandas {pd.__version__}: loaded in {time.perf_counter() - t:.2f} s (not timed)", file=sys.stderr)

# Segment of each R x F cell, as categorical codes: cell (r-1)*5 + (f-1).
names = sorted(segments["segment"].unique())
cell_segment = np.zeros(25, dtype=np.int8)
cell_segment[(segments["r"] - 1) * 5 + (segments["f"] - 1)] = [names.index(s) for s in segments["segment"]]


def quintile(values, ascending=True):
    # rank(method="first") breaks ties by position, i.e. by customer id (the
    # frames are in id order): score = 1 + floor(5 (rank-1) / n).
    rank = values.rank(method="first", ascending=ascending).astype("int64")
    return (5 * (rank - 1)) // len(values) + 1


def score(c):
    """c: one row per customer, indexed by customer_id in ascending order."""
    recency = (as_of - c["last_order"]).dt.days
    r = quintile(recency, ascending=False)  # oldest first: most recent = 5
    f = quintile(c["orders"])
    m = quintile(c["revenue"])
    segment = pd.Categorical.from_codes(cell_segment[((r - 1) * 5 + (f - 1)).to_numpy()], categories=names)
    counts = pd.Series(segment).value_counts(sort=False)
    checksum = int((c.index.to_numpy() * (100 * r + 10 * f + m).to_numpy()).sum())
    gp = c["gross_profit"]
    top20 = int(gp.nlargest((len(c) + 4) // 5).sum())
    total = int(gp.sum())
    return counts, checksum, top20, total


def from_orders(o):
    c = o.groupby("customer_id").agg(
        last_order=("order_date", "max"), orders=("order_date", "size"),
        revenue=("amount", "sum"), gross_profit=("gross_profit", "sum"))
    return score(c)


for name, fn, frame in (("customers", score, customers), ("orders", from_orders, orders)):
    times = []
    for k in range(runs + 1):
        t = time.perf_counter()
        counts, checksum, top20, total = fn(frame)
        if k > 0:
            times.append(time.perf_counter() - t)
    segs = ",".join(f"{s}:{n}" for s, n in sorted(counts.items()) if n > 0)
    print(f"CHECK {name} segments={segs} checksum={checksum} top20={top20} total={total} share={top20 / total:.6f}")
    print(f"TIME {name} best={min(times):.4f} median={statistics.median(times):.4f} runs={len(times)}")
