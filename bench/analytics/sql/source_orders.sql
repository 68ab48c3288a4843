MATERIALIZED (
  SELECT customer_id, max(order_date) AS last_order, count(*) AS orders,
    sum(amount) AS revenue, sum(gross_profit) AS gross_profit
  FROM orders GROUP BY customer_id
)
