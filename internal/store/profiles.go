package store

import (
	"context"
	"fmt"
)

// AccountProfile says which parts of an account's profile are filled: its
// background fields, the levels and functions its live contacts cover,
// whether any contact has a personal profile, whether it is linked to
// other accounts and whether any competitor presence is recorded. The strategy matrix measures information completeness
// from it.
type AccountProfile struct {
	ID                                                           string
	Industry, Size, Region, Address, Website, Source, Code, Tags bool
	Owner                                                        bool
	Decision, Management, Operational                            bool
	User, Technical, Finance                                     bool
	PersonalProfile, Links, Competitors                          bool
}

// EachAccountProfile calls fn with the profile of every live account of
// the workspace, reading contacts and links once, grouped by account.
func (q *Q) EachAccountProfile(ctx context.Context, ws string, fn func(*AccountProfile) error) error {
	flag := func(cond string) string { return "MAX(CASE WHEN " + cond + " THEN 1 ELSE 0 END)" }
	rows, err := q.QueryContext(ctx, `SELECT a.id,
		CASE WHEN a.industry <> '' THEN 1 ELSE 0 END, CASE WHEN a.size <> '' THEN 1 ELSE 0 END,
		CASE WHEN a.region <> '' THEN 1 ELSE 0 END, CASE WHEN a.address <> '' THEN 1 ELSE 0 END,
		CASE WHEN a.website <> '' THEN 1 ELSE 0 END, CASE WHEN a.source <> '' THEN 1 ELSE 0 END,
		CASE WHEN a.credit_code <> '' THEN 1 ELSE 0 END, CASE WHEN a.tags <> '[]' THEN 1 ELSE 0 END,
		CASE WHEN a.owner_id IS NOT NULL THEN 1 ELSE 0 END,
		COALESCE(c.decision, 0), COALESCE(c.management, 0), COALESCE(c.operational, 0),
		COALESCE(c.fn_user, 0), COALESCE(c.fn_technical, 0), COALESCE(c.fn_finance, 0), COALESCE(c.profiles, 0),
		CASE WHEN l.id IS NULL THEN 0 ELSE 1 END, CASE WHEN kp.id IS NULL THEN 0 ELSE 1 END
		FROM accounts a
		LEFT JOIN (SELECT ct.account_id, `+flag("ct.level = 'decision'")+` AS decision, `+flag("ct.level = 'management'")+` AS management,
				`+flag("ct.level = 'operational'")+` AS operational, `+flag("ct.function = 'user'")+` AS fn_user,
				`+flag("ct.function = 'technical'")+` AS fn_technical, `+flag("ct.function = 'finance'")+` AS fn_finance,
				`+flag("p.contact_id IS NOT NULL")+` AS profiles
			FROM contacts ct LEFT JOIN contact_profiles p ON p.workspace_id = ct.workspace_id AND p.contact_id = ct.id
			WHERE ct.workspace_id = ? AND ct.deleted_at IS NULL GROUP BY ct.account_id) c ON c.account_id = a.id
		LEFT JOIN (SELECT account_id AS id FROM account_links WHERE workspace_id = ?
			UNION SELECT related_account_id FROM account_links WHERE workspace_id = ?) l ON l.id = a.id
		LEFT JOIN (SELECT DISTINCT account_id AS id FROM account_competitors WHERE workspace_id = ?) kp ON kp.id = a.id
		WHERE a.workspace_id = ? AND a.deleted_at IS NULL`, ws, ws, ws, ws, ws)
	if err != nil {
		return fmt.Errorf("account profiles: %w", err)
	}
	defer rows.Close()
	var p AccountProfile
	for rows.Next() {
		var f [18]int
		args := []any{str{&p.ID}}
		for i := range f {
			args = append(args, &f[i])
		}
		if err := rows.Scan(args...); err != nil {
			return err
		}
		b := func(i int) bool { return f[i] == 1 }
		p = AccountProfile{ID: p.ID, Industry: b(0), Size: b(1), Region: b(2), Address: b(3), Website: b(4), Source: b(5), Code: b(6),
			Tags: b(7), Owner: b(8), Decision: b(9), Management: b(10), Operational: b(11), User: b(12), Technical: b(13),
			Finance: b(14), PersonalProfile: b(15), Links: b(16), Competitors: b(17)}
		if err := fn(&p); err != nil {
			return err
		}
	}
	return rows.Err()
}
