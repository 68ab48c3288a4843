package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/search"
)

const accountColumns = `a.id, a.kind, a.name, a.credit_code, a.industry, a.size, a.region, a.address,
	a.website, a.phone, a.email, a.source, a.description, a.owner_id, a.team_id, a.tags,
	a.credit_rating, a.credit_limit_amount, a.credit_limit_currency, a.hotness, a.custom,
	a.version, a.created_at, a.created_by, a.updated_at, a.updated_by, a.deleted_at,
	a.last_follow_up_at, a.pooled_at, a.pooled_from`

// scanAccount reads accountColumns, then any extra destinations.
func scanAccount(row interface{ Scan(...any) error }, extra ...any) (*crm.Account, error) {
	a := &crm.Account{}
	var amount sql.NullInt64
	var currency sql.NullString
	dest := []any{&a.ID, &a.Kind, &a.Name, &a.CreditCode, &a.Industry, &a.Size, &a.Region, &a.Address,
		&a.Website, &a.Phone, &a.Email, &a.Source, &a.Description, str{&a.OwnerID}, str{&a.TeamID}, jsonCol{&a.Tags},
		&a.CreditRating, &amount, &currency, &a.Hotness, jsonCol{&a.Custom},
		&a.Version, utc{&a.CreatedAt}, str{&a.CreatedBy}, utc{&a.UpdatedAt}, str{&a.UpdatedBy}, nullUTC{&a.DeletedAt},
		nullUTC{&a.LastFollowUpAt}, nullUTC{&a.PooledAt}, str{&a.PooledFrom}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	if amount.Valid {
		a.CreditLimit = &crm.Money{Amount: amount.Int64, Currency: currency.String}
	}
	return a, nil
}

// GetAccount returns the account id if it is in scope, deleted or not.
// Returns ENOTFOUND otherwise.
func (q *Q) GetAccount(ctx context.Context, s crm.Scope, id string) (*crm.Account, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Account not found.")
	}
	var c conds
	c.scope(s, "a")
	c.add("a.id = ?", id)
	a, err := scanAccount(q.QueryRowContext(ctx, "SELECT "+accountColumns+" FROM accounts a"+c.where(), c.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Account not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get account %s: %w", id, err)
	}
	return a, nil
}

var accountSorts = map[string]sortColumn{
	"name":       {"a.name_sort", sortText, false},
	"created_at": {"a.created_at", sortTime, false},
	"updated_at": {"a.updated_at", sortTime, false},
	"hotness":    {"a.hotness", sortInt, false},
	"industry":   {"a.industry", sortText, false},
	"region":     {"a.region", sortText, false},
}

// CustomFilter is a custom-field condition resolved against the
// workspace's definitions by the service.
type CustomFilter struct {
	Key   string
	Type  crm.FieldType
	Value string
}

// ListAccounts returns one page of accounts in scope matching f. custom
// holds f.Custom resolved against the field definitions.
func (q *Q) ListAccounts(ctx context.Context, s crm.Scope, f crm.AccountFilter, custom []CustomFilter) (*crm.Page[*crm.Account], error) {
	sq, searching := search.ParseQuery(f.Q)
	o, err := resolveSort(f.Sort, "name", q.d.withRelevance(accountSorts, "a", searching))
	if err != nil {
		return nil, err
	}
	var c conds
	c.scope(s, "a")
	c.deleted(f.Deleted, "a")
	eq := func(col, v string) {
		if v != "" {
			c.add("a."+col+" = ?", v)
		}
	}
	eq("kind", f.Kind)
	eq("industry", f.Industry)
	eq("size", f.Size)
	eq("region", f.Region)
	eq("source", f.Source)
	eq("credit_rating", f.CreditRating)
	eq("owner_id", f.OwnerID)
	eq("team_id", f.TeamID)
	for _, t := range f.Tags {
		c.add(q.d.tagMatch("a.tags"), t)
	}
	if f.HotnessMin != nil {
		c.add("a.hotness >= ?", *f.HotnessMin)
	}
	c.scores(f, "a")
	c.timeRange("a.created_at", f.CreatedFrom, f.CreatedTo)
	c.timeRange("a.updated_at", f.UpdatedFrom, f.UpdatedTo)
	for _, cf := range custom {
		cond, arg := q.d.customCond("a.custom", cf)
		c.add(cond, cf.Key, arg)
	}
	from := "accounts a"
	if searching {
		plan, err := search.PlanSearch(ctx, q, q.d.name, "accounts", "a", sq, o.relevant)
		if err != nil {
			return nil, err
		}
		from = plan.From
		c.add(plan.Where, plan.Args...)
	}
	page := &crm.Page[*crm.Account]{Items: []*crm.Account{}}
	if f.WithTotal {
		if err := countCapped(ctx, q, from, c, page); err != nil {
			return nil, fmt.Errorf("count accounts: %w", err)
		}
	}
	if err := o.after(&c, "a", f.Cursor); err != nil {
		return nil, err
	}
	limit := crm.PageSize(f.Limit)
	return windowed(q, o, "a.created_at", c, page, func(c conds, page *crm.Page[*crm.Account]) error {
		rows, err := q.QueryContext(ctx, "SELECT "+accountColumns+", "+o.column+" FROM "+from+c.where()+o.orderBy("a")+fmt.Sprintf(" LIMIT %d", limit+1), c.args...)
		if err != nil {
			return fmt.Errorf("list accounts: %w", err)
		}
		defer rows.Close()
		var last any
		for rows.Next() {
			var sortValue any
			a, err := scanAccount(rows, &sortValue)
			if err != nil {
				return fmt.Errorf("list accounts: %w", err)
			}
			if len(page.Items) == limit {
				page.NextCursor = o.cursor(last, page.Items[limit-1].ID)
				break
			}
			page.Items = append(page.Items, a)
			last = sortValue
		}
		return rows.Err()
	})
}

// AccountRow is a new account with its derived columns (search document,
// pinyin sort key) computed. Building rows is CPU work that bulk loaders
// run concurrently, before the single-writer transaction.
type AccountRow struct {
	a   *crm.Account
	doc search.Document
	key string
}

// NewAccountRow computes a's derived columns. It is safe for concurrent
// use.
func NewAccountRow(a *crm.Account) AccountRow {
	return AccountRow{a: a, doc: accountDocument(a), key: search.SortKey(a.Name)}
}

var accountInsertColumns = []string{"workspace_id", "id", "kind", "name", "name_sort", "credit_code",
	"industry", "size", "region", "address", "website", "phone", "email", "source", "description", "owner_id", "team_id",
	"tags", "credit_rating", "credit_limit_amount", "credit_limit_currency", "hotness", "custom", "search_text",
	"version", "created_at", "created_by", "updated_at", "updated_by", "last_follow_up_at"}

// InsertAccount stores a new account with its search entry. a carries its
// id and meta, set by the service.
func (tx *Tx) InsertAccount(ctx context.Context, ws string, a *crm.Account) error {
	return tx.InsertAccounts(ctx, ws, []AccountRow{NewAccountRow(a)})
}

// InsertAccounts stores new accounts and their search entries.
func (tx *Tx) InsertAccounts(ctx context.Context, ws string, rows []AccountRow) error {
	values := make([][]any, len(rows))
	docs := make([]search.Entry, len(rows))
	for i, r := range rows {
		a := r.a
		amount, currency := moneyArgs(a.CreditLimit)
		values[i] = []any{ws, a.ID, a.Kind, a.Name, r.key, a.CreditCode,
			a.Industry, a.Size, a.Region, a.Address, a.Website, a.Phone, a.Email, a.Source, a.Description,
			nullable(a.OwnerID), nullable(a.TeamID), jsonArray(a.Tags), a.CreditRating, amount, currency,
			a.Hotness, jsonObject(a.Custom), r.doc.Text,
			a.Version, a.CreatedAt, nullable(a.CreatedBy), a.UpdatedAt, nullable(a.UpdatedBy), followUpAt(a)}
		docs[i] = search.Entry{ID: a.ID, Tokens: r.doc.Tokens}
	}
	cols, err := tx.rowIDs(ctx, "accounts", accountInsertColumns, values, docs)
	if err != nil {
		return err
	}
	if col := search.TokenColumn(tx.d.name); col != "" {
		cols = append(cols[:len(cols):len(cols)], col)
		for i, r := range rows {
			values[i] = append(values[i], search.TokenValue(r.doc.Tokens))
		}
	}
	if err := tx.insertRows(ctx, "accounts", cols, values); err != nil {
		return accountWriteError(tx, err)
	}
	return tx.indexNew(ctx, "accounts", ws, docs)
}

// UpdateAccount writes a's fields if the stored version is still
// fromVersion; a.Version must already be fromVersion+1. Returns ESTALE if
// another writer got there first.
func (tx *Tx) UpdateAccount(ctx context.Context, ws string, a *crm.Account, fromVersion int) error {
	amount, currency := moneyArgs(a.CreditLimit)
	doc := accountDocument(a)
	res, err := tx.ExecContext(ctx, `UPDATE accounts SET kind = ?, name = ?, name_sort = ?, credit_code = ?,
		industry = ?, size = ?, region = ?, address = ?, website = ?, phone = ?, email = ?, source = ?,
		description = ?, owner_id = ?, team_id = ?, tags = ?, credit_rating = ?, credit_limit_amount = ?,
		credit_limit_currency = ?, hotness = ?, custom = ?, search_text = ?, version = ?, updated_at = ?,
		updated_by = ?, deleted_at = ?`+tx.tokenSet()+`
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		tx.withTokens([]any{a.Kind, a.Name, search.SortKey(a.Name), a.CreditCode,
			a.Industry, a.Size, a.Region, a.Address, a.Website, a.Phone, a.Email, a.Source,
			a.Description, nullable(a.OwnerID), nullable(a.TeamID), jsonArray(a.Tags), a.CreditRating, amount,
			currency, a.Hotness, jsonObject(a.Custom), doc.Text, a.Version, a.UpdatedAt,
			nullable(a.UpdatedBy), a.DeletedAt}, doc.Tokens,
			ws, a.ID, fromVersion)...)
	if err != nil {
		return accountWriteError(tx, err)
	}
	if err := expectOne(res, "Account"); err != nil {
		return err
	}
	return search.Index(ctx, tx, tx.d.name, "accounts", ws, a.ID, doc.Tokens, true)
}

// accountWriteError names the field behind the one unique rule of
// accounts: a credit code belongs to one account per workspace.
func accountWriteError(tx *Tx, err error) error {
	if isUniqueViolation(err) {
		return &crm.Error{Code: crm.ECONFLICT, Message: "Another account already has this credit code.",
			Fields: []crm.FieldError{{Field: "credit_code", Reason: "taken", Message: "is already used by another account (perhaps in the recycle bin)"}}}
	}
	return tx.writeError("account", err)
}

func accountDocument(a *crm.Account) search.Document {
	return search.NewDocument([]string{a.Name}, []string{a.Phone}, []string{a.Email, a.CreditCode})
}

func moneyArgs(m *crm.Money) (any, any) {
	if m == nil {
		return nil, nil
	}
	return m.Amount, m.Currency
}

// expectOne turns "no row updated" into ESTALE: the service has already
// checked that the record exists, so a miss means its version moved on.
func expectOne(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return crm.Errorf(crm.ESTALE, "%s was changed by someone else; reload it and try again.", what)
	}
	return nil
}

// writeError classifies constraint violations into domain errors.
func (tx *Tx) writeError(what string, err error) error {
	switch {
	case isUniqueViolation(err):
		return crm.Errorf(crm.ECONFLICT, "This %s conflicts with an existing one.", what)
	case isForeignKeyViolation(err):
		return crm.Errorf(crm.EINVALID, "This %s refers to a record that does not exist.", what)
	}
	return fmt.Errorf("write %s: %w", what, err)
}

// countBudget bounds the time spent counting a list. A filter no index
// serves makes the database read every row in scope; beyond the budget the
// total is reported as unknown instead of holding the request.
const countBudget = 2 * time.Second

// countCapped sets page.Total to the number of rows of from matching c, up
// to crm.TotalCap (then TotalCapped), or leaves it nil with TotalCapped
// when counting exceeds countBudget.
func countCapped[T any](ctx context.Context, q *Q, from string, c conds, page *crm.Page[T]) error {
	cctx, cancel := context.WithTimeout(ctx, countBudget)
	defer cancel()
	var n int
	err := q.QueryRowContext(cctx, fmt.Sprintf("SELECT count(*) FROM (SELECT 1 FROM %s%s LIMIT %d) t", from, c.where(), crm.TotalCap+1), c.args...).Scan(&n)
	switch {
	case err != nil && ctx.Err() == nil && cctx.Err() != nil:
		page.TotalCapped = true
		return nil
	case err != nil:
		return err
	case n > crm.TotalCap:
		n, page.TotalCapped = crm.TotalCap, true
	}
	page.Total = &n
	return nil
}

// AccountRef is what an import needs to know of an account it names.
type AccountRef struct {
	ID, Name, CreditCode, OwnerID, TeamID string
}

// AccountRefs returns the live accounts in scope s whose id is among ids,
// whose credit code is among codes or whose name is among names, with one
// query per 500 values of each list. Names are matched exactly.
func (q *Q) AccountRefs(ctx context.Context, s crm.Scope, ids, codes, names []string) ([]AccountRef, error) {
	seen := map[string]bool{}
	var out []AccountRef
	run := func(column string, values []string, key func(string) string) error {
		return inChunks(values, func(in string, args []any) error {
			if key != nil {
				for i, a := range args {
					args[i] = key(a.(string))
				}
			}
			var c conds
			c.scope(s, "a")
			c.add("a.deleted_at IS NULL")
			c.add(column+" IN ("+in+")", args...)
			rows, err := q.QueryContext(ctx, "SELECT a.id, a.name, a.credit_code, a.owner_id, a.team_id FROM accounts a"+c.where(), c.args...)
			if err != nil {
				return fmt.Errorf("accounts by reference: %w", err)
			}
			defer rows.Close()
			for rows.Next() {
				var r AccountRef
				if err := rows.Scan(str{&r.ID}, &r.Name, &r.CreditCode, str{&r.OwnerID}, str{&r.TeamID}); err != nil {
					return err
				}
				if !seen[r.ID] {
					seen[r.ID] = true
					out = append(out, r)
				}
			}
			return rows.Err()
		})
	}
	var valid []string
	for _, id := range ids {
		if crm.ValidID(id) {
			valid = append(valid, id)
		}
	}
	if err := run("a.id", valid, nil); err != nil {
		return nil, err
	}
	if err := run("a.credit_code", codes, nil); err != nil {
		return nil, err
	}
	// Names are found through the pinyin sort key, which the name index
	// covers, and then compared exactly.
	byName := map[string]bool{}
	for _, n := range names {
		byName[n] = true
	}
	before := len(out)
	if err := run("a.name_sort", names, search.SortKey); err != nil {
		return nil, err
	}
	// Keep the accounts found by id or code, and those found by key only
	// when the name itself matches.
	kept := out[:before]
	for _, r := range out[before:] {
		if byName[r.Name] {
			kept = append(kept, r)
		} else {
			delete(seen, r.ID)
		}
	}
	return kept, nil
}
