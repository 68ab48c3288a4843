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

const contactColumns = `c.id, c.account_id, ac.name, c.name, c.title, c.department, c.reports_to_id,
	c.level, c.function, c.concerns, c.phone, c.mobile, c.email, c.wechat, c.address,
	c.consent_phone, c.consent_mobile, c.consent_email, c.consent_wechat, c.owner_id, c.team_id,
	c.tags, c.custom, c.version, c.created_at, c.created_by, c.updated_at, c.updated_by, c.deleted_at`

const contactFrom = ` FROM contacts c` + accountJoin

// accountJoin brings the account's name to each contact.
const accountJoin = ` JOIN accounts ac ON ac.workspace_id = c.workspace_id AND ac.id = c.account_id`

func scanContact(row interface{ Scan(...any) error }, extra ...any) (*crm.Contact, error) {
	c := &crm.Contact{}
	dest := []any{&c.ID, &c.AccountID, &c.AccountName, &c.Name, &c.Title, &c.Department, str{&c.ReportsToID},
		&c.Level, &c.Function, &c.Concerns, &c.Phone, &c.Mobile, &c.Email, &c.WeChat, &c.Address,
		&c.Consent.Phone, &c.Consent.Mobile, &c.Consent.Email, &c.Consent.WeChat, str{&c.OwnerID}, str{&c.TeamID},
		jsonCol{&c.Tags}, jsonCol{&c.Custom}, &c.Version, utc{&c.CreatedAt}, str{&c.CreatedBy}, utc{&c.UpdatedAt},
		str{&c.UpdatedBy}, nullUTC{&c.DeletedAt}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	return c, nil
}

// GetContact returns the contact id if it is in scope, deleted or not,
// without its personal profile (see GetProfile).
func (q *Q) GetContact(ctx context.Context, s crm.Scope, id string) (*crm.Contact, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Contact not found.")
	}
	var w conds
	w.scope(s, "c")
	w.add("c.id = ?", id)
	c, err := scanContact(q.QueryRowContext(ctx, "SELECT "+contactColumns+contactFrom+w.where(), w.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Contact not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get contact %s: %w", id, err)
	}
	return c, nil
}

var contactSorts = map[string]sortColumn{
	"name":       {"c.name_sort", sortText, false},
	"created_at": {"c.created_at", sortTime, false},
	"updated_at": {"c.updated_at", sortTime, false},
	"level":      {"c.level", sortText, false},
	"function":   {"c.function", sortText, false},
}

// ListContacts returns one page of contacts in scope matching f.
func (q *Q) ListContacts(ctx context.Context, s crm.Scope, f crm.ContactFilter, custom []CustomFilter) (*crm.Page[*crm.Contact], error) {
	sq, searching := search.ParseQuery(f.Q)
	o, err := resolveSort(f.Sort, "name", q.d.withRelevance(contactSorts, "c", searching))
	if err != nil {
		return nil, err
	}
	var w conds
	w.scope(s, "c")
	w.deleted(f.Deleted, "c")
	eq := func(col, v string) {
		if v != "" {
			w.add("c."+col+" = ?", v)
		}
	}
	eq("account_id", f.AccountID)
	eq("level", f.Level)
	eq("function", f.Function)
	eq("department", f.Department)
	eq("title", f.Title)
	eq("owner_id", f.OwnerID)
	eq("team_id", f.TeamID)
	eq("reports_to_id", f.ReportsToID)
	switch f.Consent {
	case "phone", "mobile", "email", "wechat": // allow-listed: names a column
		w.add("c.consent_"+f.Consent+" = ?", true)
	}
	for _, t := range f.Tags {
		w.add(q.d.tagMatch("c.tags"), t)
	}
	w.timeRange("c.created_at", f.CreatedFrom, f.CreatedTo)
	w.timeRange("c.updated_at", f.UpdatedFrom, f.UpdatedTo)
	for _, cf := range custom {
		cond, arg := q.d.customCond("c.custom", cf)
		w.add(cond, cf.Key, arg)
	}
	from := "contacts c"
	if searching {
		plan, err := search.PlanSearch(ctx, q, q.d.name, "contacts", "c", sq, o.relevant)
		if err != nil {
			return nil, err
		}
		from = plan.From
		w.add(plan.Where, plan.Args...)
	}
	page := &crm.Page[*crm.Contact]{Items: []*crm.Contact{}}
	if f.WithTotal {
		if err := countCapped(ctx, q, from, w, page); err != nil {
			return nil, fmt.Errorf("count contacts: %w", err)
		}
	}
	if err := o.after(&w, "c", f.Cursor); err != nil {
		return nil, err
	}
	limit := crm.PageSize(f.Limit)
	return windowed(q, o, "c.created_at", w, page, func(w conds, page *crm.Page[*crm.Contact]) error {
		// Page the contacts first and join their accounts' names after, so a
		// search matching thousands of people looks up only one page of names.
		inner := "SELECT c.*, " + o.column + " AS sort_value FROM " + from + w.where() + o.orderBy("c") + fmt.Sprintf(" LIMIT %d", limit+1)
		rows, err := q.QueryContext(ctx, "SELECT "+contactColumns+", c.sort_value FROM ("+inner+") c"+accountJoin+o.orderByColumn("c.sort_value", "c"), w.args...)
		if err != nil {
			return fmt.Errorf("list contacts: %w", err)
		}
		defer rows.Close()
		var last any
		for rows.Next() {
			var sortValue any
			c, err := scanContact(rows, &sortValue)
			if err != nil {
				return fmt.Errorf("list contacts: %w", err)
			}
			if len(page.Items) == limit {
				page.NextCursor = o.cursor(last, page.Items[limit-1].ID)
				break
			}
			page.Items = append(page.Items, c)
			last = sortValue
		}
		return rows.Err()
	})
}

// ContactRow is a new contact with its derived columns computed (see
// AccountRow).
type ContactRow struct {
	c   *crm.Contact
	doc search.Document
	key string
}

// NewContactRow computes c's derived columns. It is safe for concurrent
// use.
func NewContactRow(c *crm.Contact) ContactRow {
	return ContactRow{c: c, doc: contactDocument(c), key: search.SortKey(c.Name)}
}

var contactInsertColumns = []string{"workspace_id", "id", "account_id", "name", "name_sort", "title",
	"department", "reports_to_id", "level", "function", "concerns", "phone", "mobile", "email", "wechat", "address",
	"consent_phone", "consent_mobile", "consent_email", "consent_wechat", "owner_id", "team_id", "tags", "custom",
	"search_text", "version", "created_at", "created_by", "updated_at", "updated_by"}

// InsertContact stores a new contact, its search entry and its profile.
func (tx *Tx) InsertContact(ctx context.Context, ws string, c *crm.Contact) error {
	return tx.InsertContacts(ctx, ws, []ContactRow{NewContactRow(c)})
}

// InsertContacts stores new contacts with their search entries and
// profiles. A contact may report to one earlier in rows.
func (tx *Tx) InsertContacts(ctx context.Context, ws string, rows []ContactRow) error {
	values := make([][]any, len(rows))
	docs := make([]search.Entry, len(rows))
	var profiles [][]any
	for i, r := range rows {
		c := r.c
		values[i] = []any{ws, c.ID, c.AccountID, c.Name, r.key, c.Title,
			c.Department, nullable(c.ReportsToID), c.Level, c.Function, c.Concerns, c.Phone, c.Mobile, c.Email,
			c.WeChat, c.Address, c.Consent.Phone, c.Consent.Mobile, c.Consent.Email, c.Consent.WeChat,
			nullable(c.OwnerID), nullable(c.TeamID), jsonArray(c.Tags), jsonObject(c.Custom),
			r.doc.Text, c.Version, c.CreatedAt, nullable(c.CreatedBy), c.UpdatedAt, nullable(c.UpdatedBy)}
		docs[i] = search.Entry{ID: c.ID, Tokens: r.doc.Tokens}
		if p := c.PersonalProfile; p != nil {
			profiles = append(profiles, profileValues(ws, c.ID, p))
		}
	}
	cols, err := tx.rowIDs(ctx, "contacts", contactInsertColumns, values, docs)
	if err != nil {
		return err
	}
	if col := search.TokenColumn(tx.d.name); col != "" {
		cols = append(cols[:len(cols):len(cols)], col)
		for i, r := range rows {
			values[i] = append(values[i], search.TokenValue(r.doc.Tokens))
		}
	}
	if err := tx.insertRows(ctx, "contacts", cols, values); err != nil {
		return tx.writeError("contact", err)
	}
	if err := tx.insertRows(ctx, "contact_profiles", profileInsertColumns, profiles); err != nil {
		return fmt.Errorf("write profiles: %w", err)
	}
	return tx.indexNew(ctx, "contacts", ws, docs)
}

// UpdateContact writes c's fields if the stored version is still
// fromVersion. The profile is written separately with PutProfile.
func (tx *Tx) UpdateContact(ctx context.Context, ws string, c *crm.Contact, fromVersion int) error {
	doc := contactDocument(c)
	res, err := tx.ExecContext(ctx, `UPDATE contacts SET account_id = ?, name = ?, name_sort = ?, title = ?,
		department = ?, reports_to_id = ?, level = ?, function = ?, concerns = ?, phone = ?, mobile = ?,
		email = ?, wechat = ?, address = ?, consent_phone = ?, consent_mobile = ?, consent_email = ?,
		consent_wechat = ?, owner_id = ?, team_id = ?, tags = ?, custom = ?, search_text = ?, version = ?,
		updated_at = ?, updated_by = ?, deleted_at = ?`+tx.tokenSet()+`
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		tx.withTokens([]any{c.AccountID, c.Name, search.SortKey(c.Name), c.Title,
			c.Department, nullable(c.ReportsToID), c.Level, c.Function, c.Concerns, c.Phone, c.Mobile,
			c.Email, c.WeChat, c.Address, c.Consent.Phone, c.Consent.Mobile, c.Consent.Email,
			c.Consent.WeChat, nullable(c.OwnerID), nullable(c.TeamID), jsonArray(c.Tags), jsonObject(c.Custom),
			doc.Text, c.Version, c.UpdatedAt, nullable(c.UpdatedBy), c.DeletedAt}, doc.Tokens,
			ws, c.ID, fromVersion)...)
	if err != nil {
		return tx.writeError("contact", err)
	}
	if err := expectOne(res, "Contact"); err != nil {
		return err
	}
	return search.Index(ctx, tx, tx.d.name, "contacts", ws, c.ID, doc.Tokens, true)
}

func contactDocument(c *crm.Contact) search.Document {
	return search.NewDocument([]string{c.Name}, []string{c.Phone, c.Mobile}, []string{c.Email, c.WeChat})
}

const profileColumns = `family, hometown, university, sports, restaurants, pets, books, last_vacation,
	next_vacation, role, colleagues, goals, development_plan, birthday`

// GetProfile returns a contact's personal profile, nil if it has none.
// The caller has checked the field rule; this method does not.
func (q *Q) GetProfile(ctx context.Context, ws, contactID string) (*crm.PersonalProfile, error) {
	p := &crm.PersonalProfile{}
	err := q.QueryRowContext(ctx, "SELECT "+profileColumns+" FROM contact_profiles WHERE workspace_id = ? AND contact_id = ?", ws, contactID).
		Scan(&p.Family, &p.Hometown, &p.University, &p.Sports, &p.Restaurants, &p.Pets, &p.Books,
			&p.LastVacation, &p.NextVacation, &p.Role, &p.Colleagues, &p.Goals, &p.DevelopmentPlan, &p.Birthday)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get profile of contact %s: %w", contactID, err)
	}
	return p, nil
}

// PutProfile replaces a contact's personal profile; nil removes it.
func (tx *Tx) PutProfile(ctx context.Context, ws, contactID string, p *crm.PersonalProfile) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM contact_profiles WHERE workspace_id = ? AND contact_id = ?", ws, contactID); err != nil {
		return fmt.Errorf("clear profile: %w", err)
	}
	if p == nil {
		return nil
	}
	if err := tx.insertRows(ctx, "contact_profiles", profileInsertColumns, [][]any{profileValues(ws, contactID, p)}); err != nil {
		return fmt.Errorf("write profile: %w", err)
	}
	return nil
}

var profileInsertColumns = []string{"workspace_id", "contact_id", "family", "hometown", "university", "sports",
	"restaurants", "pets", "books", "last_vacation", "next_vacation", "role", "colleagues", "goals",
	"development_plan", "birthday"}

func profileValues(ws, contactID string, p *crm.PersonalProfile) []any {
	return []any{ws, contactID, p.Family, p.Hometown, p.University, p.Sports, p.Restaurants, p.Pets, p.Books,
		p.LastVacation, p.NextVacation, p.Role, p.Colleagues, p.Goals, p.DevelopmentPlan, p.Birthday}
}

// ContactsOfAccount returns every live contact of an account in scope,
// for the org chart and the buying-centre grid, in name order.
func (q *Q) ContactsOfAccount(ctx context.Context, s crm.Scope, accountID string) ([]*crm.Contact, error) {
	var w conds
	w.scope(s, "c")
	w.deleted(crm.DeletedExclude, "c")
	w.add("c.account_id = ?", accountID)
	rows, err := q.QueryContext(ctx, "SELECT "+contactColumns+contactFrom+w.where()+" ORDER BY c.name_sort, c.id LIMIT 2000", w.args...)
	if err != nil {
		return nil, fmt.Errorf("contacts of account %s: %w", accountID, err)
	}
	defer rows.Close()
	out := []*crm.Contact{}
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SoftDeleteContactsOfAccount marks an account's live contacts deleted at
// the account's deletion time, so restoring the account restores exactly
// them. It returns their ids for history.
func (tx *Tx) SoftDeleteContactsOfAccount(ctx context.Context, ws, accountID, by string) ([]string, error) {
	ids, err := tx.ids(ctx, "SELECT id FROM contacts WHERE workspace_id = ? AND account_id = ? AND deleted_at IS NULL", ws, accountID)
	if err != nil {
		return nil, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE contacts SET deleted_at = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND account_id = ? AND deleted_at IS NULL`, tx.Now, tx.Now, nullable(by), ws, accountID)
	if err != nil {
		return nil, fmt.Errorf("delete contacts of account %s: %w", accountID, err)
	}
	return ids, nil
}

// RestoreContactsOfAccount restores the contacts deleted together with
// the account (same deletion instant) and returns their ids.
func (tx *Tx) RestoreContactsOfAccount(ctx context.Context, ws, accountID string, deletedAt time.Time, by string) ([]string, error) {
	ids, err := tx.ids(ctx, "SELECT id FROM contacts WHERE workspace_id = ? AND account_id = ? AND deleted_at = ?", ws, accountID, deletedAt)
	if err != nil {
		return nil, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE contacts SET deleted_at = NULL, version = version + 1, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND account_id = ? AND deleted_at = ?`, tx.Now, nullable(by), ws, accountID, deletedAt)
	if err != nil {
		return nil, fmt.Errorf("restore contacts of account %s: %w", accountID, err)
	}
	return ids, nil
}

func (q *Q) ids(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(str{&id}); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
