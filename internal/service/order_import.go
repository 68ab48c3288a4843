package service

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/csvin"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// The columns of an order import file. Each data row is one order line;
// rows with the same number are the lines of one order.
const (
	colNumber    = "number"
	colAccount   = "account"
	colDate      = "order_date"
	colStatus    = "status"
	colProduct   = "product"
	colQuantity  = "quantity"
	colUnitPrice = "unit_price"
	colDiscount  = "discount"
	colNote      = "note"
)

// importColumns are the header names an import accepts, ignoring case:
// the API's own words, common English variants and the Chinese headers of
// exports from Chinese ERPs and spreadsheets.
var importColumns = []csvin.Column{
	{Name: colNumber, Aliases: []string{"order_number", "order_no", "订单号", "订单编号", "合同号"}, Required: true},
	{Name: colAccount, Aliases: []string{"account_id", "customer", "customer_id", "credit_code", "客户", "客户名称", "客户编号", "统一社会信用代码"}, Required: true},
	{Name: colDate, Aliases: []string{"date", "日期", "订单日期", "下单日期"}, Required: true},
	{Name: colStatus, Aliases: []string{"状态", "订单状态"}},
	{Name: colProduct, Aliases: []string{"product_code", "sku", "产品", "产品编码", "产品编号"}, Required: true},
	{Name: colQuantity, Aliases: []string{"qty", "数量"}, Required: true},
	{Name: colUnitPrice, Aliases: []string{"price", "单价"}},
	{Name: colDiscount, Aliases: []string{"折扣", "折扣金额", "优惠", "优惠金额"}},
	{Name: colNote, Aliases: []string{"notes", "备注"}},
}

// statusWords maps the status words a file may use to statuses.
var statusWords = map[string]crm.OrderStatus{
	"draft": crm.OrderDraft, "草稿": crm.OrderDraft,
	"confirmed": crm.OrderConfirmed, "已确认": crm.OrderConfirmed, "确认": crm.OrderConfirmed,
	"completed": crm.OrderCompleted, "已完成": crm.OrderCompleted, "完成": crm.OrderCompleted,
	"cancelled": crm.OrderCancelled, "canceled": crm.OrderCancelled, "已取消": crm.OrderCancelled, "取消": crm.OrderCancelled,
}

// analyzeAfterLines is the size of an import after which the database's
// statistics of the order tables are refreshed inside the import.
const analyzeAfterLines = 1000

// maxListedProblems bounds the problems an import lists one by one; all
// are counted.
const maxListedProblems = 1000

// importRow is one data row of an import file.
type importRow struct {
	line     int
	ok       bool // every field parsed
	number   string
	account  string
	date     crm.Date
	status   crm.OrderStatus // "" when the row leaves it out
	product  string
	quantity int64
	price    *int64
	discount int64
	note     string
}

// importFile is a parsed import file: its rows grouped by order number, in
// the order the numbers first appear, and the problems found so far.
type importFile struct {
	rows     []importRow
	numbers  []string         // distinct, in order of appearance
	byNumber map[string][]int // number -> indexes into rows
	problems rowProblems
	encoding string
	ignored  []string
}

// rowProblems collects the problems of a file: the first
// maxListedProblems in detail, all counted.
type rowProblems struct {
	list  []crm.FieldError
	total int
}

func (p *rowProblems) add(line int, column, reason, message string) {
	p.total++
	if len(p.list) < maxListedProblems {
		p.list = append(p.list, crm.FieldError{Line: line, Field: column, Reason: reason, Message: message})
	}
}

// err returns the problems as one EINVALID error, by line, or nil.
func (p *rowProblems) err() error {
	if p.total == 0 {
		return nil
	}
	list := slices.Clone(p.list)
	slices.SortStableFunc(list, func(a, b crm.FieldError) int { return cmp.Compare(a.Line, b.Line) })
	msg := "1 problem in the file; nothing was imported."
	if p.total > 1 {
		msg = fmt.Sprintf("%d problems in the file; nothing was imported.", p.total)
	}
	return &crm.Error{Code: crm.EINVALID, Message: msg, Fields: list, Total: p.total}
}

// fileError is an EINVALID error about the file as a whole.
func fileError(reason, message string) error {
	return &crm.Error{Code: crm.EINVALID, Message: "The file cannot be imported: " + message,
		Fields: []crm.FieldError{{Field: "file", Reason: reason, Message: message}}}
}

// ImportOrders implements crm.OrderService. The caller needs the right to
// write orders; each order is then checked as CreateOrder or UpdateOrder
// would check it (readable account, writable existing order, owner in the
// write scope, active products, amounts within bounds). Every problem of
// every row is reported, and then nothing is written; otherwise all orders
// are written in one transaction with their history and the stats of
// their accounts.
func (s *Service) ImportOrders(ctx context.Context, src io.Reader, opt crm.OrderImportOptions) (*crm.OrderImportSummary, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityOrder); w.Level == crm.ScopeNone {
		return nil, forbidden("Your role may not import orders.")
	}
	file, err := readImportFile(src, opt)
	if err != nil {
		return nil, err
	}
	if opt.DryRun {
		p, err := s.planImport(ctx, s.db.Read(), a, file)
		if err != nil {
			return nil, err
		}
		p.summary.DryRun = true
		return p.summary, nil
	}
	var sum *crm.OrderImportSummary
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		p, err := s.planImport(ctx, &tx.Q, a, file)
		if err != nil {
			return err
		}
		sum = p.summary
		return p.write(ctx, s, tx, a)
	})
	if err != nil {
		return nil, err
	}
	return sum, nil
}

// readImportFile reads and parses the rows of an import file, recording
// every bad field.
func readImportFile(src io.Reader, opt crm.OrderImportOptions) (*importFile, error) {
	maxBytes, maxLines := opt.MaxBytes, opt.MaxLines
	if maxBytes <= 0 || maxBytes > crm.OrderImportMaxBytes {
		maxBytes = crm.OrderImportMaxBytes
	}
	if maxLines <= 0 || maxLines > crm.OrderImportMaxLines {
		maxLines = crm.OrderImportMaxLines
	}
	r, err := csvin.Open(src, csvin.Options{Columns: importColumns, MaxBytes: maxBytes, MaxErrors: maxListedProblems})
	var rowErrs *csvin.Errors
	switch {
	case errors.As(err, &rowErrs):
		f := &importFile{}
		f.problems.addCSV(rowErrs)
		return nil, f.problems.err()
	case err != nil && strings.Contains(err.Error(), "larger than the limit"):
		return nil, fileError("too_large", err.Error())
	case err != nil:
		return nil, fileError("invalid", err.Error())
	}
	f := &importFile{byNumber: map[string][]int{}, encoding: string(r.Encoding()), ignored: r.Unused()}
	if f.ignored == nil {
		f.ignored = []string{}
	}
	for row := range r.Rows() {
		if len(f.rows) == maxLines {
			return nil, fileError("too_large", fmt.Sprintf("the file has more than %d lines of orders; split it into several files", maxLines))
		}
		ir := parseImportRow(row, &f.problems)
		if ir.number != "" {
			if _, ok := f.byNumber[ir.number]; !ok {
				f.numbers = append(f.numbers, ir.number)
			}
			f.byNumber[ir.number] = append(f.byNumber[ir.number], len(f.rows))
		}
		f.rows = append(f.rows, ir)
	}
	if err := r.Err(); err != nil && errors.As(err, &rowErrs) {
		f.problems.addCSV(rowErrs)
	}
	if len(f.rows) == 0 && f.problems.total == 0 {
		return nil, fileError("empty", "the file has a header but no orders")
	}
	return f, nil
}

// addCSV adds the problems the CSV reader found (malformed rows, a
// truncated last line, header problems).
func (p *rowProblems) addCSV(e *csvin.Errors) {
	for _, re := range e.List {
		p.add(re.Line, re.Column, "malformed", re.Message)
	}
	p.total += e.Total - len(e.List)
}

// parseImportRow reads the fields of one row; ok is false when any is bad.
func parseImportRow(row csvin.Row, p *rowProblems) importRow {
	ir := importRow{line: row.Line, ok: true}
	fail := func(column, reason, message string) {
		p.add(row.Line, column, reason, message)
		ir.ok = false
	}
	required := func(column string) string {
		v := row.Get(column)
		if v == "" {
			fail(column, "required", "is required")
		}
		return v
	}
	ir.number = required(colNumber)
	ir.account = required(colAccount)
	ir.product = required(colProduct)
	if v := required(colDate); v != "" {
		if t, err := csvin.Date(v); err != nil {
			fail(colDate, "invalid", quoted(v, err))
		} else {
			ir.date = crm.Date(t.Format(time.DateOnly))
		}
	}
	if v := row.Get(colStatus); v != "" {
		st, ok := statusWords[strings.ToLower(v)]
		if !ok {
			fail(colStatus, "unknown_value", strconv.Quote(v)+" is not a status: draft, confirmed, completed or cancelled")
		}
		ir.status = st
	}
	if v := required(colQuantity); v != "" {
		q, err := csvin.Decimal(v, 0)
		switch {
		case err != nil:
			fail(colQuantity, "invalid", quoted(v, err)+" (a whole number of units)")
		case q < 1 || q > crm.MaxQuantity:
			fail(colQuantity, "out_of_range", fmt.Sprintf("%s must be between 1 and %d", strconv.Quote(v), crm.MaxQuantity))
		default:
			ir.quantity = q
		}
	}
	money := func(column string) (int64, bool) {
		v := row.Get(column)
		if v == "" {
			return 0, false
		}
		amount, err := csvin.Decimal(v, 2)
		switch {
		case err != nil:
			fail(column, "invalid", quoted(v, err))
		case amount < 0:
			fail(column, "out_of_range", strconv.Quote(v)+" must not be negative")
		case amount > crm.MaxAmount:
			fail(column, "out_of_range", strconv.Quote(v)+" is more than the largest amount")
		default:
			return amount, true
		}
		return 0, false
	}
	if price, ok := money(colUnitPrice); ok {
		ir.price = &price
	}
	ir.discount, _ = money(colDiscount)
	ir.note = row.Get(colNote)
	return ir
}

func quoted(value string, err error) string {
	return strconv.Quote(value) + " " + err.Error()
}

// importPlan is what an import will write, worked out from the file and
// the database.
type importPlan struct {
	creates  []*crm.Order
	updates  []importUpdate
	accounts []string // touched accounts, each once
	summary  *crm.OrderImportSummary
}

type importUpdate struct {
	old, new *crm.Order
	changes  []crm.FieldChange
}

// planImport resolves the file's accounts, products and existing orders
// with a few batch queries on q and checks every order as CreateOrder or
// UpdateOrder would. It returns every problem at once.
func (s *Service) planImport(ctx context.Context, q *store.Q, a *crm.Actor, f *importFile) (*importPlan, error) {
	problems := f.problems
	problems.list = slices.Clone(problems.list)
	ws := a.WorkspaceID
	readAcc, _ := scopes(a, crm.EntityAccount)
	readOrd, writeOrd := scopes(a, crm.EntityOrder)

	// Accounts: by id, credit code or exact name.
	var ids, codes, names, productCodes []string
	seenRef, seenCode := map[string]bool{}, map[string]bool{}
	for _, r := range f.rows {
		if r.account != "" && !seenRef[r.account] {
			seenRef[r.account] = true
			names = append(names, r.account)
			if crm.ValidID(r.account) {
				ids = append(ids, r.account)
			}
			if c := crm.NormalizeCreditCode(r.account); crm.ValidCreditCode(c) {
				codes = append(codes, c)
			}
		}
		if r.product != "" && !seenCode[r.product] {
			seenCode[r.product] = true
			productCodes = append(productCodes, r.product)
		}
	}
	refs, err := q.AccountRefs(ctx, readAcc, ids, codes, names)
	if err != nil {
		return nil, err
	}
	resolved := resolveAccounts(refs, names)
	products, err := q.ProductsByCode(ctx, ws, productCodes)
	if err != nil {
		return nil, err
	}
	existing, err := q.OrdersByNumber(ctx, readOrd, f.numbers)
	if err != nil {
		return nil, err
	}
	taken, err := q.TakenOrderNumbers(ctx, ws, f.numbers)
	if err != nil {
		return nil, err
	}

	// Row by row: the account and product each names.
	rowAcc := make([]*store.AccountRef, len(f.rows))
	for i, r := range f.rows {
		if r.account != "" {
			res := resolved[r.account]
			switch {
			case res.ref != nil:
				rowAcc[i] = res.ref
			case res.ambiguous > 1:
				problems.add(r.line, colAccount, "ambiguous", fmt.Sprintf("%q is the name of %d accounts; use the account's id or credit code", r.account, res.ambiguous))
			default:
				problems.add(r.line, colAccount, "unknown_value", fmt.Sprintf("%q is not an account you can see (give its id, credit code or exact name)", r.account))
			}
		}
		if r.product != "" && products[r.product] == nil {
			problems.add(r.line, colProduct, "unknown_value", fmt.Sprintf("%q is not a product code of this workspace", r.product))
		}
	}

	p := &importPlan{summary: &crm.OrderImportSummary{Lines: len(f.rows), Encoding: f.encoding, IgnoredColumns: f.ignored}}
	for _, res := range resolved {
		switch res.by {
		case "id":
			p.summary.MatchedBy.ID++
		case "credit_code":
			p.summary.MatchedBy.CreditCode++
		case "name":
			p.summary.MatchedBy.Name++
		}
	}
	owners := map[string]ownerCheck{}
	touched := map[string]bool{}
	for _, number := range f.numbers {
		idx := f.byNumber[number]
		o := s.planOrder(ctx, q, a, f, idx, rowAcc, products, existing[number], taken[number], writeOrd, owners, &problems)
		switch {
		case o == nil:
			continue
		case o.old == nil:
			p.creates = append(p.creates, o.new)
		case len(o.changes) == 0:
			p.summary.Unchanged++
			continue
		default:
			p.updates = append(p.updates, *o)
		}
		if !touched[o.new.AccountID] {
			touched[o.new.AccountID] = true
			p.accounts = append(p.accounts, o.new.AccountID)
		}
	}
	if err := problems.err(); err != nil {
		return nil, err
	}
	p.summary.Created, p.summary.Updated = len(p.creates), len(p.updates)
	all := map[string]bool{}
	for i := range rowAcc {
		if rowAcc[i] != nil {
			all[rowAcc[i].ID] = true
		}
	}
	p.summary.Accounts = len(all)
	return p, nil
}

// accountMatch is how one account reference of a file resolved.
type accountMatch struct {
	ref       *store.AccountRef
	by        string // id, credit_code or name
	ambiguous int    // accounts of that name when more than one
}

// resolveAccounts matches each reference to an account: its id first,
// then its credit code, then its exact name if only one account has it.
func resolveAccounts(refs []store.AccountRef, values []string) map[string]accountMatch {
	byID, byCode, byName := map[string]*store.AccountRef{}, map[string]*store.AccountRef{}, map[string][]*store.AccountRef{}
	for i := range refs {
		r := &refs[i]
		byID[r.ID] = r
		if r.CreditCode != "" {
			byCode[r.CreditCode] = r
		}
		byName[r.Name] = append(byName[r.Name], r)
	}
	out := make(map[string]accountMatch, len(values))
	for _, v := range values {
		switch named := byName[v]; {
		case byID[v] != nil:
			out[v] = accountMatch{ref: byID[v], by: "id"}
		case byCode[crm.NormalizeCreditCode(v)] != nil:
			out[v] = accountMatch{ref: byCode[crm.NormalizeCreditCode(v)], by: "credit_code"}
		case len(named) == 1:
			out[v] = accountMatch{ref: named[0], by: "name"}
		default:
			out[v] = accountMatch{ambiguous: len(named)}
		}
	}
	return out
}

// ownerCheck caches whether the caller may record orders for an owner.
type ownerCheck struct {
	team string
	err  error
}

// planOrder checks the rows idx of one order number and returns the order
// to create or the update to make, or nil after recording problems.
func (s *Service) planOrder(ctx context.Context, q *store.Q, a *crm.Actor, f *importFile, idx []int, rowAcc []*store.AccountRef,
	products map[string]*crm.Product, old *crm.Order, taken bool, writeOrd crm.Scope, owners map[string]ownerCheck, problems *rowProblems) *importUpdate {
	first := f.rows[idx[0]]
	ok := true
	for _, i := range idx {
		ok = ok && f.rows[i].ok && rowAcc[i] != nil && products[f.rows[i].product] != nil
	}
	// Every row of the order agrees on its header.
	for _, i := range idx[1:] {
		r := f.rows[i]
		differs := func(column, mine, theirs string) {
			if mine != theirs {
				problems.add(r.line, column, "conflict", fmt.Sprintf("%q differs from %q on line %d, the first line of order %s",
					mine, theirs, first.line, first.number))
				ok = false
			}
		}
		if rowAcc[i] != nil && rowAcc[idx[0]] != nil {
			if rowAcc[i].ID != rowAcc[idx[0]].ID {
				differs(colAccount, r.account, first.account)
			}
		} else {
			differs(colAccount, r.account, first.account)
		}
		differs(colDate, string(r.date), string(first.date))
		// Status and note may be given on the first line only.
		if r.status != "" {
			differs(colStatus, string(r.status), string(first.status))
		}
		if r.note != "" {
			differs(colNote, r.note, first.note)
		}
	}
	if !ok {
		return nil
	}
	acc := rowAcc[idx[0]]
	fail := func(column, reason, message string) *importUpdate {
		problems.add(first.line, column, reason, message)
		return nil
	}
	switch {
	case old == nil && taken:
		return fail(colNumber, "taken", "is the number of an order you may not change")
	case old != nil && !store.InScope(writeOrd, old.OwnerID, old.TeamID):
		return fail(colNumber, "forbidden", "is the number of an order you may view but not change")
	case old != nil && old.DeletedAt != nil:
		return fail(colNumber, "deleted", "is the number of an order in the recycle bin; restore it first")
	case old != nil && old.AccountID != acc.ID:
		return fail(colAccount, "conflict", fmt.Sprintf("order %s is for %s; an import cannot move it to another account", old.Number, old.AccountName))
	}

	// The order as CreateOrder would take it.
	in := crm.OrderInput{AccountID: acc.ID, Number: first.number, Status: first.status, OrderDate: first.date, Note: first.note}
	for _, i := range idx {
		r := f.rows[i]
		in.Lines = append(in.Lines, crm.OrderLineInput{ProductID: products[r.product].ID, Quantity: r.quantity, UnitPrice: r.price, Discount: r.discount})
	}
	if old != nil {
		// An existing order keeps its status and note unless the file gives them.
		if in.Status == "" {
			in.Status = old.Status
		}
		if in.Note == "" {
			in.Note = old.Note
		}
	}
	in.Normalize()
	report := func(err error) *importUpdate {
		if crm.ErrorCode(err) != crm.EINVALID {
			problems.add(first.line, "", crm.ErrorCode(err), crm.ErrorMessage(err))
			return nil
		}
		for _, fe := range crm.ErrorFields(err) {
			line, column := fieldLine(fe.Field, f, idx)
			problems.add(line, column, fe.Reason, fe.Message)
		}
		return nil
	}
	if err := in.Validate(); err != nil {
		return report(err)
	}
	var was []crm.OrderLine
	if old != nil {
		was = old.Lines
	}
	byID := make(map[string]*crm.Product, len(in.Lines))
	for _, i := range idx {
		pr := products[f.rows[i].product]
		byID[pr.ID] = pr
	}
	lines, err := linesFrom(byID, in.Lines, was)
	if err != nil {
		return report(err)
	}
	if old != nil {
		n := *old
		n.Status, n.OrderDate, n.Note, n.Lines = in.Status, in.OrderDate, in.Note, lines
		if err := priceOrder(&n); err != nil {
			return report(err)
		}
		return &importUpdate{old: old, new: &n, changes: crm.Diff(old.Snapshot(), n.Snapshot())}
	}
	o := &crm.Order{AccountID: acc.ID, AccountName: acc.Name, Number: in.Number, Status: in.Status, OrderDate: in.OrderDate,
		Note: in.Note, Currency: crm.Currency, Lines: lines}
	if err := priceOrder(o); err != nil {
		return report(err)
	}
	// The owner: the account's, else the caller, as CreateOrder does.
	owner := firstNonEmpty(acc.OwnerID, a.UserID)
	oc, seen := owners[owner]
	if !seen {
		oc.team, oc.err = s.resolveOwner(ctx, q, a, owner)
		if oc.err == nil && !store.InScope(writeOrd, owner, oc.team) {
			oc.err = forbidden("You may only record orders that you own.")
		}
		owners[owner] = oc
	}
	if oc.err != nil {
		if crm.ErrorCode(oc.err) == crm.EINTERNAL {
			return report(oc.err)
		}
		return fail(colAccount, "forbidden", "you may not record orders for this account's owner: "+crm.ErrorMessage(oc.err))
	}
	o.OwnerID, o.TeamID = owner, oc.team
	return &importUpdate{new: o}
}

var lineField = regexp.MustCompile(`^lines\[(\d+)\]\.(\w+)$`)

// fieldLine maps a field of an order's validation error to the line and
// column of the file: header fields to the order's first line, lines[i]
// fields to the row of line i.
func fieldLine(field string, f *importFile, idx []int) (int, string) {
	first := f.rows[idx[0]].line
	if m := lineField.FindStringSubmatch(field); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i < len(idx) {
			column := map[string]string{"product_id": colProduct, "quantity": colQuantity, "unit_price": colUnitPrice,
				"discount": colDiscount, "unit_cost": colQuantity}[m[2]]
			return f.rows[idx[i]].line, column
		}
	}
	switch field {
	case "number", "order_date", "status", "note":
		return first, field
	case "account_id", "owner_id":
		return first, colAccount
	}
	return first, ""
}

// write stores the plan: new orders in batches, replaced orders one by
// one at the version read, their history, and the stats and scores of
// every touched account once.
func (p *importPlan) write(ctx context.Context, s *Service, tx *store.Tx, a *crm.Actor) error {
	var hist []store.HistoryEntry
	for _, o := range p.creates {
		o.ID = store.NewID()
		o.Meta = newMeta(tx, a)
		hist = append(hist, store.HistoryEntry{Entity: crm.EntityOrder, RecordID: o.ID, ActorID: a.UserID, At: tx.Now,
			Change: crm.FieldChange{Field: crm.FieldCreated, New: o.Number}})
	}
	if err := tx.InsertOrders(ctx, a.WorkspaceID, p.creates); err != nil {
		return err
	}
	if p.summary.Lines >= analyzeAfterLines {
		if err := tx.AnalyzeOrders(ctx); err != nil {
			return err
		}
	}
	updated, versions := make([]*crm.Order, len(p.updates)), make([]int, len(p.updates))
	for i, u := range p.updates {
		touch(&u.new.Meta, tx, a)
		updated[i], versions[i] = u.new, u.old.Version
		for _, ch := range u.changes {
			hist = append(hist, store.HistoryEntry{Entity: crm.EntityOrder, RecordID: u.new.ID, ActorID: a.UserID, At: tx.Now, Change: ch})
		}
	}
	if err := tx.UpdateOrders(ctx, a.WorkspaceID, updated, versions); err != nil {
		return err
	}
	if err := tx.AppendHistories(ctx, a.WorkspaceID, hist); err != nil {
		return err
	}
	return s.refreshStats(ctx, tx, a.WorkspaceID, p.accounts...)
}
