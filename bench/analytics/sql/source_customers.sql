(SELECT customer_id, last_order, orders, revenue, gross_profit FROM customers)
