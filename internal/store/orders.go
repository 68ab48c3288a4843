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

// loadLines fills the lines of orders with one query.
func (q *Q) loadLines(ctx context.Context, ws string, orders []*crm.Order) error {
	if len(orders) == 0 {
		return nil
	}
	byID := make(map[string]*crm.Order, len(orders))
	args := []any{ws}
	for _, o := range orders {
		byID[o.ID] = o
		args = append(args, o.ID)
	}
	rows, err := q.QueryContext(ctx, `SELECT l.order_id, l.product_id, p.code, p.name, l.quantity, l.unit_price, l.unit_cost,
		l.discount, l.revenue FROM order_lines l
		JOIN products p ON p.workspace_id = l.workspace_id AND p.id = l.product_id
		WHERE l.workspace_id = ? AND l.order_id IN (`+placeholders(len(orders))+`) ORDER BY l.order_id, l.line_no`, args...)
	if err != nil {
		return fmt.Errorf("order lines: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var orderID string
		var l crm.OrderLine
		var cost int64
		if err := rows.Scan(str{&orderID}, str{&l.ProductID}, &l.ProductCode, &l.ProductName, &l.Quantity, &l.UnitPrice,
			&cost, &l.Discount, &l.Revenue); err != nil {
			return err
		}
		gp := l.Revenue - l.Quantity*cost
		l.UnitCost, l.GrossProfit = &cost, &gp
		o := byID[orderID]
		o.Lines = append(o.Lines, l)
	}
	return rows.Err()
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
	res, err := tx.ExecContext(ctx, `UPDATE orders SET number = ?, status = ?, order_date = ?, owner_id = ?, team_id = ?,
		note = ?, revenue = ?, cost = ?, gross_profit = ?, version = ?, updated_at = ?, updated_by = ?, deleted_at = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		o.Number, o.Status, o.OrderDate, nullable(o.OwnerID), nullable(o.TeamID), o.Note, o.Revenue, derefInt(o.Cost),
		derefInt(o.GrossProfit), o.Version, o.UpdatedAt, nullable(o.UpdatedBy), o.DeletedAt, ws, o.ID, fromVersion)
	if err != nil {
		return orderWriteError(tx, err)
	}
	if err := expectOne(res, "Order"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM order_lines WHERE workspace_id = ? AND order_id = ?", ws, o.ID); err != nil {
		return fmt.Errorf("replace order lines: %w", err)
	}
	if err := tx.insertRows(ctx, "order_lines", lineInsertColumns, lineRows(ws, o)); err != nil {
		return orderWriteError(tx, err)
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_products (workspace_id, account_id, product_id, first_order_date,
			last_order_date, quantity, revenue)
			SELECT o.workspace_id, o.account_id, l.product_id, MIN(o.order_date), MAX(o.order_date), SUM(l.quantity), SUM(l.revenue)
			FROM orders o JOIN order_lines l ON l.workspace_id = o.workspace_id AND l.order_id = o.id
			WHERE o.workspace_id = ? AND o.account_id = ? AND o.deleted_at IS NULL AND o.status IN `+countedStatuses+`
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
