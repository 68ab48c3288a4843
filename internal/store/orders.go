package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
)

const orderColumns = `o.id, o.account_id, a.name, o.number, o.status, o.order_date, o.owner_id, o.team_id, o.note,
	o.revenue, o.cost, o.gross_profit, o.version, o.created_at, o.created_by, o.updated_at, o.updated_by, o.deleted_at`

const orderFrom = "orders o JOIN accounts a ON a.workspace_id = o.workspace_id AND a.id = o.account_id"

func scanOrder(row interface{ Scan(...any) error }, extra ...any) (*crm.Order, error) {
	o := &crm.Order{Currency: crm.Currency, Lines: []crm.OrderLine{}}
	var cost, gp int64
	dest := []any{str{&o.ID}, str{&o.AccountID}, &o.AccountName, &o.Number, &o.Status, &o.OrderDate, str{&o.OwnerID},
		str{&o.TeamID}, &o.Note, &o.Revenue, &cost, &gp, &o.Version, utc{&o.CreatedAt}, str{&o.CreatedBy},
		utc{&o.UpdatedAt}, str{&o.UpdatedBy}, nullUTC{&o.DeletedAt}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	o.Cost, o.GrossProfit = &cost, &gp
	return o, nil
}

// GetOrder returns the order id with its lines if it is in scope s,
// deleted or not; ENOTFOUND otherwise.
func (q *Q) GetOrder(ctx context.Context, s crm.Scope, id string) (*crm.Order, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Order not found.")
	}
	var c conds
	c.scope(s, "o")
	c.add("o.id = ?", id)
	o, err := scanOrder(q.QueryRowContext(ctx, "SELECT "+orderColumns+" FROM "+orderFrom+c.where(), c.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Order not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get order %s: %w", id, err)
	}
	if err := q.loadLines(ctx, s.WorkspaceID, []*crm.Order{o}); err != nil {
		return nil, err
	}
	return o, nil
}

// loadLines fills the lines of orders, with one query per 500 orders and
// one for their products. The lines are read without joining products:
// on a fresh PostgreSQL table (no statistics yet) the join made the
// planner walk every line of each product instead of the orders' own.
func (q *Q) loadLines(ctx context.Context, ws string, orders []*crm.Order) error {
	byID := make(map[string]*crm.Order, len(orders))
	ids := make([]string, len(orders))
	for i, o := range orders {
		byID[o.ID] = o
		ids[i] = o.ID
	}
	var productIDs []string
	seen := map[string]bool{}
	err := inChunks(ids, func(in string, args []any) error {
		rows, err := q.QueryContext(ctx, `SELECT l.order_id, l.product_id, l.quantity, l.unit_price, l.unit_cost, l.discount, l.revenue
			FROM order_lines l WHERE l.workspace_id = ? AND l.order_id IN (`+in+`) ORDER BY l.order_id, l.line_no`, append([]any{ws}, args...)...)
		if err != nil {
			return fmt.Errorf("order lines: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var orderID string
			var l crm.OrderLine
			var cost int64
			if err := rows.Scan(str{&orderID}, str{&l.ProductID}, &l.Quantity, &l.UnitPrice, &cost, &l.Discount, &l.Revenue); err != nil {
				return err
			}
			gp := l.Revenue - l.Quantity*cost
			l.UnitCost, l.GrossProfit = &cost, &gp
			o := byID[orderID]
			o.Lines = append(o.Lines, l)
			if !seen[l.ProductID] {
				seen[l.ProductID] = true
				productIDs = append(productIDs, l.ProductID)
			}
		}
		return rows.Err()
	})
	if err != nil || len(productIDs) == 0 {
		return err
	}
	products, err := q.ProductsByID(ctx, ws, productIDs)
	if err != nil {
		return err
	}
	for _, o := range orders {
		for i := range o.Lines {
			if p := products[o.Lines[i].ProductID]; p != nil {
				o.Lines[i].ProductCode, o.Lines[i].ProductName = p.Code, p.Name
			}
		}
	}
	return nil
}

// OrdersByNumber returns the orders in scope s whose numbers are among
// numbers, deleted or not, with their lines, by number.
func (q *Q) OrdersByNumber(ctx context.Context, s crm.Scope, numbers []string) (map[string]*crm.Order, error) {
	out := map[string]*crm.Order{}
	var list []*crm.Order
	err := inChunks(numbers, func(in string, args []any) error {
		var c conds
		c.scope(s, "o")
		c.add("o.number IN ("+in+")", args...)
		rows, err := q.QueryContext(ctx, "SELECT "+orderColumns+" FROM "+orderFrom+c.where(), c.args...)
		if err != nil {
			return fmt.Errorf("orders by number: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanOrder(rows)
			if err != nil {
				return err
			}
			out[o.Number] = o
			list = append(list, o)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return out, q.loadLines(ctx, s.WorkspaceID, list)
}

// TakenOrderNumbers reports which of numbers some order of the workspace
// has, in the recycle bin or not, whoever may see it. It returns nothing
// else about those orders.
func (q *Q) TakenOrderNumbers(ctx context.Context, ws string, numbers []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := inChunks(numbers, func(in string, args []any) error {
		rows, err := q.QueryContext(ctx, "SELECT number FROM orders WHERE workspace_id = ? AND number IN ("+in+")", append([]any{ws}, args...)...)
		if err != nil {
			return fmt.Errorf("taken order numbers: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				return err
			}
			out[n] = true
		}
		return rows.Err()
	})
	return out, err
}

var orderSorts = map[string]sortColumn{
	"order_date": {"o.order_date", sortDate, false},
	"number":     {"o.number", sortText, true},
	"revenue":    {"o.revenue", sortInt, false},
	"updated_at": {"o.updated_at", sortTime, false},
}

// ListOrders returns one page of orders in scope s matching f, with their
// lines.
func (q *Q) ListOrders(ctx context.Context, s crm.Scope, f crm.OrderFilter) (*crm.Page[*crm.Order], error) {
	o, err := resolveSort(f.Sort, "-order_date", orderSorts)
	if err != nil {
		return nil, err
	}
	var c conds
	c.scope(s, "o")
	c.deleted(f.Deleted, "o")
	if f.AccountID != "" {
		c.add("o.account_id = ?", f.AccountID)
	}
	if f.Status != "" {
		c.add("o.status = ?", f.Status)
	}
	if f.OwnerID != "" {
		c.add("o.owner_id = ?", f.OwnerID)
	}
	if f.DateFrom != "" {
		c.add("o.order_date >= ?", f.DateFrom)
	}
	if f.DateTo != "" {
		c.add("o.order_date <= ?", f.DateTo)
	}
	if f.ProductID != "" {
		c.add("EXISTS (SELECT 1 FROM order_lines l WHERE l.workspace_id = o.workspace_id AND l.order_id = o.id AND l.product_id = ?)", f.ProductID)
	}
	if n := strings.ToLower(strings.TrimSpace(f.Q)); n != "" {
		c.add(`lower(o.number) LIKE ? ESCAPE '\'`, "%"+likeEscape(n)+"%")
	}
	page, err := keysetPage(ctx, q, orderColumns, orderFrom, c, o, "o", f.Cursor, f.Limit,
		func(rows *sql.Rows, sortValue *any) (*crm.Order, string, error) {
			o, err := scanOrder(rows, sortValue)
			if err != nil {
				return nil, "", err
			}
			return o, o.ID, nil
		})
	if err != nil {
		return nil, fmt.Errorf("list orders: %w", err)
	}
	return page, q.loadLines(ctx, s.WorkspaceID, page.Items)
}

var orderInsertColumns = []string{"workspace_id", "id", "account_id", "number", "status", "order_date", "owner_id", "team_id",
	"note", "revenue", "cost", "gross_profit", "version", "created_at", "created_by", "updated_at", "updated_by"}

var lineInsertColumns = []string{"workspace_id", "order_id", "line_no", "product_id", "quantity", "unit_price", "unit_cost", "discount", "revenue"}

// InsertOrders stores new orders and their lines; ECONFLICT with the field
// "number" when a number is taken. Cost and gross profit must be set.
func (tx *Tx) InsertOrders(ctx context.Context, ws string, orders []*crm.Order) error {
	values := make([][]any, len(orders))
	var lines [][]any
	for i, o := range orders {
		values[i] = []any{ws, o.ID, o.AccountID, o.Number, o.Status, o.OrderDate, nullable(o.OwnerID), nullable(o.TeamID),
			o.Note, o.Revenue, derefInt(o.Cost), derefInt(o.GrossProfit), o.Version, o.CreatedAt, nullable(o.CreatedBy),
			o.UpdatedAt, nullable(o.UpdatedBy)}
		lines = append(lines, lineRows(ws, o)...)
	}
	if err := tx.insertRows(ctx, "orders", orderInsertColumns, values); err != nil {
		return orderWriteError(tx, err)
	}
	if err := tx.insertRows(ctx, "order_lines", lineInsertColumns, lines); err != nil {
		return orderWriteError(tx, err)
	}
	return nil
}

func lineRows(ws string, o *crm.Order) [][]any {
	out := make([][]any, len(o.Lines))
	for i, l := range o.Lines {
		out[i] = []any{ws, o.ID, i + 1, l.ProductID, l.Quantity, l.UnitPrice, derefInt(l.UnitCost), l.Discount, l.Revenue}
	}
	return out
}

// UpdateOrder writes o and replaces its lines if the stored version is
// still fromVersion.
func (tx *Tx) UpdateOrder(ctx context.Context, ws string, o *crm.Order, fromVersion int) error {
	return tx.UpdateOrders(ctx, ws, []*crm.Order{o}, []int{fromVersion})
}

// UpdateOrders writes orders and replaces their lines, each if its stored
// version is still fromVersions[i]; the lines go in batches, so replacing
// many orders costs about one statement per order.
func (tx *Tx) UpdateOrders(ctx context.Context, ws string, orders []*crm.Order, fromVersions []int) error {
	ids := make([]string, len(orders))
	var lines [][]any
	for i, o := range orders {
		res, err := tx.ExecContext(ctx, `UPDATE orders SET number = ?, status = ?, order_date = ?, owner_id = ?, team_id = ?,
			note = ?, revenue = ?, cost = ?, gross_profit = ?, version = ?, updated_at = ?, updated_by = ?, deleted_at = ?
			WHERE workspace_id = ? AND id = ? AND version = ?`,
			o.Number, o.Status, o.OrderDate, nullable(o.OwnerID), nullable(o.TeamID), o.Note, o.Revenue, derefInt(o.Cost),
			derefInt(o.GrossProfit), o.Version, o.UpdatedAt, nullable(o.UpdatedBy), o.DeletedAt, ws, o.ID, fromVersions[i])
		if err != nil {
			return orderWriteError(tx, err)
		}
		if err := expectOne(res, "Order"); err != nil {
			return err
		}
		ids[i] = o.ID
		lines = append(lines, lineRows(ws, o)...)
	}
	err := inChunks(ids, func(in string, args []any) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM order_lines WHERE workspace_id = ? AND order_id IN ("+in+")", append([]any{ws}, args...)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("replace order lines: %w", err)
	}
	if err := tx.insertRows(ctx, "order_lines", lineInsertColumns, lines); err != nil {
		return orderWriteError(tx, err)
	}
	return nil
}

// AnalyzeOrders refreshes PostgreSQL's statistics of the order tables
// after a large import, inside its transaction (ANALYZE counts the
// transaction's own new rows). Without them the planner takes a freshly
// filled table for empty and answers the stats refresh and the next
// import's lookups by walking every order of the workspace. SQLite needs
// no such step (its queries here do not depend on statistics).
func (tx *Tx) AnalyzeOrders(ctx context.Context) error {
	if tx.d.name != "postgres" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "ANALYZE orders, order_lines, customer_products"); err != nil {
		return fmt.Errorf("analyze orders: %w", err)
	}
	return nil
}

func orderWriteError(tx *Tx, err error) error {
	if isUniqueViolation(err) {
		return &crm.Error{Code: crm.ECONFLICT, Message: "Another order already has this number.",
			Fields: []crm.FieldError{{Field: "number", Reason: "taken", Message: "is already used by another order (perhaps in the recycle bin)"}}}
	}
	return tx.writeError("order", err)
}

// countedStatuses is the SQL list of statuses that count as purchases
// (crm.OrderStatus.Counts).
const countedStatuses = "('confirmed', 'completed')"

// RefreshCustomerStats rewrites the stats and held products of accounts
// from their live, counted orders. Callers run it in the transaction that
// changed the orders, so stats never disagree with orders. Service cost is
// kept: tickets, not orders, change it.
func (tx *Tx) RefreshCustomerStats(ctx context.Context, ws string, accountIDs ...string) error {
	for _, id := range accountIDs {
		if _, err := tx.ExecContext(ctx, "DELETE FROM customer_products WHERE workspace_id = ? AND account_id = ?", ws, id); err != nil {
			return fmt.Errorf("refresh products held: %w", err)
		}
		// CROSS JOIN makes SQLite start from the account's orders: without
		// statistics (no ANALYZE) it would otherwise walk every line of the
		// workspace, making each refresh as slow as the workspace is large.
		// PostgreSQL reads it as a plain join.
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_products (workspace_id, account_id, product_id, first_order_date,
			last_order_date, quantity, revenue)
			SELECT o.workspace_id, o.account_id, l.product_id, MIN(o.order_date), MAX(o.order_date), SUM(l.quantity), SUM(l.revenue)
			FROM orders o CROSS JOIN order_lines l
			WHERE l.workspace_id = o.workspace_id AND l.order_id = o.id
				AND o.workspace_id = ? AND o.account_id = ? AND o.deleted_at IS NULL AND o.status IN `+countedStatuses+`
			GROUP BY o.workspace_id, o.account_id, l.product_id`, ws, id); err != nil {
			return fmt.Errorf("refresh products held: %w", err)
		}
		// One pass over the account's counted orders, then one upsert.
		var first, last crm.Date
		var count, revenue, gp, held int64
		if err := tx.QueryRowContext(ctx, `SELECT MIN(order_date), MAX(order_date), COUNT(*), COALESCE(SUM(revenue), 0),
			COALESCE(SUM(gross_profit), 0), (SELECT COUNT(*) FROM customer_products WHERE workspace_id = ? AND account_id = ?)
			FROM orders WHERE workspace_id = ? AND account_id = ? AND deleted_at IS NULL AND status IN `+countedStatuses,
			ws, id, ws, id).Scan(&first, &last, &count, &revenue, &gp, &held); err != nil {
			return fmt.Errorf("refresh customer stats: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_stats (workspace_id, account_id, first_order_date, last_order_date,
			order_count, revenue, gross_profit, products_held) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (workspace_id, account_id) DO UPDATE SET first_order_date = excluded.first_order_date,
				last_order_date = excluded.last_order_date, order_count = excluded.order_count, revenue = excluded.revenue,
				gross_profit = excluded.gross_profit, products_held = excluded.products_held`,
			ws, id, first, last, count, revenue, gp, held); err != nil {
			return fmt.Errorf("refresh customer stats: %w", err)
		}
	}
	return nil
}

// RebuildCustomerStats recomputes the stats and held products of every
// account of the workspace in two statements; bulk loads call it once
// instead of refreshing account by account.
func (tx *Tx) RebuildCustomerStats(ctx context.Context, ws string) error {
	stmts := []string{
		"DELETE FROM customer_products WHERE workspace_id = ?",
		`INSERT INTO customer_products (workspace_id, account_id, product_id, first_order_date, last_order_date, quantity, revenue)
		SELECT o.workspace_id, o.account_id, l.product_id, MIN(o.order_date), MAX(o.order_date), SUM(l.quantity), SUM(l.revenue)
		FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_id = o.id
		WHERE o.workspace_id = ? AND o.deleted_at IS NULL AND o.status IN ` + countedStatuses + `
		GROUP BY o.workspace_id, o.account_id, l.product_id`,
		"DELETE FROM customer_stats WHERE workspace_id = ?",
		`INSERT INTO customer_stats (workspace_id, account_id, first_order_date, last_order_date, order_count, revenue, gross_profit, products_held)
		SELECT o.workspace_id, o.account_id, MIN(o.order_date), MAX(o.order_date), COUNT(*), SUM(o.revenue), SUM(o.gross_profit),
			(SELECT COUNT(*) FROM customer_products cp WHERE cp.workspace_id = o.workspace_id AND cp.account_id = o.account_id)
		FROM orders o WHERE o.workspace_id = ? AND o.deleted_at IS NULL AND o.status IN ` + countedStatuses + `
		GROUP BY o.workspace_id, o.account_id`,
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s, ws); err != nil {
			return fmt.Errorf("rebuild customer stats: %w", err)
		}
	}
	return nil
}

// CustomerStats returns an account's stats; an account without orders has
// zero stats.
func (q *Q) CustomerStats(ctx context.Context, ws, accountID string) (*crm.CustomerStats, error) {
	st := &crm.CustomerStats{AccountID: accountID, Currency: crm.Currency}
	var gp, sc int64
	err := q.QueryRowContext(ctx, `SELECT first_order_date, last_order_date, order_count, revenue, gross_profit, service_cost, products_held
		FROM customer_stats WHERE workspace_id = ? AND account_id = ?`, ws, accountID).
		Scan(&st.FirstOrder, &st.LastOrder, &st.OrderCount, &st.Revenue, &gp, &sc, &st.ProductsHeld)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("customer stats of %s: %w", accountID, err)
	}
	profit := gp - sc
	st.GrossProfit, st.ServiceCost, st.Profit = &gp, &sc, &profit
	return st, nil
}

// OrderLine is one line of a counted order, as analytics reads it.
type OrderLine struct {
	AccountID   string
	OrderDate   crm.Date
	Revenue     int64
	GrossProfit int64
	ProductCode string
}

// EachCountedLine calls fn with every line of the workspace's live,
// confirmed or completed orders, in order-date order, streaming so that
// millions of lines never sit in memory twice.
func (q *Q) EachCountedLine(ctx context.Context, ws string, fn func(OrderLine) error) error {
	rows, err := q.QueryContext(ctx, `SELECT o.account_id, o.order_date, l.revenue, l.revenue - l.quantity * l.unit_cost, p.code
		FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_id = o.id
		JOIN products p ON p.workspace_id = l.workspace_id AND p.id = l.product_id
		WHERE o.workspace_id = ? AND o.deleted_at IS NULL AND o.status IN `+countedStatuses+`
		ORDER BY o.order_date, o.id, l.line_no`, ws)
	if err != nil {
		return fmt.Errorf("order lines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var l OrderLine
		if err := rows.Scan(str{&l.AccountID}, &l.OrderDate, &l.Revenue, &l.GrossProfit, &l.ProductCode); err != nil {
			return err
		}
		if err := fn(l); err != nil {
			return err
		}
	}
	return rows.Err()
}
