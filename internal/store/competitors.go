package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/search"
)

// Competitors are workspace records: every query names the workspace,
// and no record scope applies (every role reads them).

const competitorColumns = `k.id, k.name, k.website, k.products, k.strengths, k.weaknesses, k.pricing_notes, k.notes, k.tags,
	k.version, k.created_at, k.created_by, k.updated_at, k.updated_by, k.deleted_at`

func scanCompetitor(row interface{ Scan(...any) error }, extra ...any) (*crm.Competitor, error) {
	k := &crm.Competitor{}
	dest := []any{str{&k.ID}, &k.Name, &k.Website, &k.Products, &k.Strengths, &k.Weaknesses, &k.PricingNotes, &k.Notes,
		jsonCol{&k.Tags}, &k.Version, utc{&k.CreatedAt}, str{&k.CreatedBy}, utc{&k.UpdatedAt}, str{&k.UpdatedBy}, nullUTC{&k.DeletedAt}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	if k.Tags == nil {
		k.Tags = []string{}
	}
	return k, nil
}

// GetCompetitor returns a competitor of the workspace, deleted or not;
// ENOTFOUND if none.
func (q *Q) GetCompetitor(ctx context.Context, ws, id string) (*crm.Competitor, error) {
	if !crm.ValidID(id) || !crm.ValidID(ws) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Competitor not found.")
	}
	k, err := scanCompetitor(q.QueryRowContext(ctx, "SELECT "+competitorColumns+" FROM competitors k WHERE k.workspace_id = ? AND k.id = ?", ws, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Competitor not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get competitor %s: %w", id, err)
	}
	return k, nil
}

var competitorSorts = map[string]sortColumn{
	"name":       {"k.name_sort", sortText, false},
	"created_at": {"k.created_at", sortTime, false},
	"updated_at": {"k.updated_at", sortTime, false},
}

// ListCompetitors returns one page of the workspace's competitors matching f.
func (q *Q) ListCompetitors(ctx context.Context, ws string, f crm.CompetitorFilter) (*crm.Page[*crm.Competitor], error) {
	o, err := resolveSort(f.Sort, "name", competitorSorts)
	if err != nil {
		return nil, err
	}
	var c conds
	if !crm.ValidID(ws) {
		c.add("1 = 0")
	}
	c.add("k.workspace_id = ?", ws)
	c.deleted(f.Deleted, "k")
	if n := strings.ToLower(strings.TrimSpace(f.Q)); n != "" {
		like := "%" + likeEscape(n) + "%"
		c.add(`(lower(k.name) LIKE ? ESCAPE '\' OR lower(k.products) LIKE ? ESCAPE '\')`, like, like)
	}
	if f.Tag != "" {
		c.add(q.d.tagMatch("k.tags"), f.Tag)
	}
	page, err := keysetPage(ctx, q, competitorColumns, "competitors k", c, o, "k", f.Cursor, f.Limit,
		func(rows *sql.Rows, sortValue *any) (*crm.Competitor, string, error) {
			k, err := scanCompetitor(rows, sortValue)
			if err != nil {
				return nil, "", err
			}
			return k, k.ID, nil
		})
	if err != nil {
		return nil, fmt.Errorf("list competitors: %w", err)
	}
	return page, nil
}

var competitorInsertColumns = []string{"workspace_id", "id", "name", "name_sort", "website", "products", "strengths", "weaknesses",
	"pricing_notes", "notes", "tags", "version", "created_at", "created_by", "updated_at", "updated_by"}

// InsertCompetitors stores new competitors; ECONFLICT on "name" when a
// live competitor has the name.
func (tx *Tx) InsertCompetitors(ctx context.Context, ws string, ks []*crm.Competitor) error {
	values := make([][]any, len(ks))
	for i, k := range ks {
		values[i] = []any{ws, k.ID, k.Name, search.SortKey(k.Name), k.Website, k.Products, k.Strengths, k.Weaknesses,
			k.PricingNotes, k.Notes, jsonArray(k.Tags), k.Version, k.CreatedAt, nullable(k.CreatedBy), k.UpdatedAt, nullable(k.UpdatedBy)}
	}
	if err := tx.insertRows(ctx, "competitors", competitorInsertColumns, values); err != nil {
		return competitorWriteError(tx, err)
	}
	return nil
}

// UpdateCompetitor writes k if the stored version is still fromVersion.
func (tx *Tx) UpdateCompetitor(ctx context.Context, ws string, k *crm.Competitor, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE competitors SET name = ?, name_sort = ?, website = ?, products = ?, strengths = ?,
		weaknesses = ?, pricing_notes = ?, notes = ?, tags = ?, version = ?, updated_at = ?, updated_by = ?, deleted_at = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		k.Name, search.SortKey(k.Name), k.Website, k.Products, k.Strengths, k.Weaknesses, k.PricingNotes, k.Notes,
		jsonArray(k.Tags), k.Version, k.UpdatedAt, nullable(k.UpdatedBy), k.DeletedAt, ws, k.ID, fromVersion)
	if err != nil {
		return competitorWriteError(tx, err)
	}
	return expectOne(res, "Competitor")
}

func competitorWriteError(tx *Tx, err error) error {
	if isUniqueViolation(err) {
		return &crm.Error{Code: crm.ECONFLICT, Message: "Another competitor already has this name.",
			Fields: []crm.FieldError{{Field: "name", Reason: "taken", Message: "is already the name of another competitor"}}}
	}
	return tx.writeError("competitor", err)
}
