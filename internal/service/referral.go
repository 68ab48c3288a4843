package service

import (
	"context"
	"strconv"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// AccountReferrals implements crm.ReferralService: the referrals into and
// out of an account, parties outside the caller's scope anonymised, and
// the revenue of the customers it referred.
func (s *Service) AccountReferrals(ctx context.Context, accountID string) (*crm.AccountReferrals, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	q := s.db.Read()
	if _, err := q.GetAccount(ctx, r, accountID); err != nil {
		return nil, err
	}
	edges, err := q.ReferralEdges(ctx, a.WorkspaceID, []string{accountID}, store.BothWays)
	if err != nil {
		return nil, err
	}
	var accIDs, conIDs []string
	for _, e := range edges {
		accIDs = append(accIDs, e.ReferrerAccountID, e.ReferredAccountID)
		conIDs = append(conIDs, e.ReferrerContactID, e.ReferredContactID)
	}
	accs, cons, err := s.referralParties(ctx, q, a, accIDs, conIDs)
	if err != nil {
		return nil, err
	}
	out := &crm.AccountReferrals{Items: []*crm.Referral{}}
	for _, e := range edges {
		ref := &crm.Referral{ID: e.ID, Source: e.Source, ReferredOn: e.ReferredOn, Note: e.Note, CreatedAt: e.CreatedAt, CreatedBy: e.CreatedBy,
			Direction: "referred"}
		if e.ReferredAccountID == accountID {
			ref.Direction = "referred_by"
		}
		ref.ReferrerAccountID, ref.ReferrerAccountName, ref.ReferrerContactID, ref.ReferrerContactName, ref.ReferrerHidden =
			party(accs, cons, e.ReferrerAccountID, e.ReferrerContactID)
		ref.ReferredAccountID, ref.ReferredAccountName, ref.ReferredContactID, ref.ReferredContactName, ref.ReferredHidden =
			party(accs, cons, e.ReferredAccountID, e.ReferredContactID)
		if ref.ReferrerHidden || ref.ReferredHidden {
			ref.ID, ref.Note, ref.CreatedBy = "", "", "" // nothing that identifies the hidden side
		}
		out.Items = append(out.Items, ref)
	}
	out.ReferredRevenue, err = s.referredRevenue(ctx, q, a, accountID)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// party returns what may be shown of one side of a referral: the ids and
// names, or hidden when the account or the contact is out of scope.
func party(accs map[string]store.ReferralAccount, cons map[string]store.ReferralContact, accountID, contactID string) (accID, accName, conID, conName string, hidden bool) {
	acc, ok := accs[accountID]
	if !ok || !acc.Visible {
		return "", "", "", "", true
	}
	if contactID == "" {
		return accountID, acc.Name, "", "", false
	}
	c, ok := cons[contactID]
	if !ok || !c.Visible {
		return "", "", "", "", true
	}
	return accountID, acc.Name, contactID, c.Name, false
}

func (s *Service) referralParties(ctx context.Context, q *store.Q, a *crm.Actor, accIDs, conIDs []string) (map[string]store.ReferralAccount, map[string]store.ReferralContact, error) {
	accRead, _ := scopes(a, crm.EntityAccount)
	orderRead, _ := scopes(a, crm.EntityOrder)
	conRead, _ := scopes(a, crm.EntityContact)
	return q.ReferralParties(ctx, accRead, orderRead, conRead, distinct(accIDs), distinct(conIDs))
}

func distinct(ids []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// referralWalkCap bounds how many accounts the downstream walk of the
// referred revenue visits; a chain longer than this is reported as
// truncated rather than slowing every account page.
const referralWalkCap = 2000

// referredRevenue walks the referral tree below an account level by level
// (cycles and repeated paths count each account once) and sums what the
// referred customers bought, for those whose orders the caller may read.
func (s *Service) referredRevenue(ctx context.Context, q *store.Q, a *crm.Actor, accountID string) (crm.ReferredRevenue, error) {
	out := crm.ReferredRevenue{Currency: crm.Currency}
	seen := map[string]bool{accountID: true}
	var direct, all []string
	frontier := []string{accountID}
	for depth := 1; len(frontier) > 0; depth++ {
		edges, err := q.ReferralEdges(ctx, a.WorkspaceID, frontier, store.Downstream)
		if err != nil {
			return out, err
		}
		frontier = nil
		for _, e := range edges {
			id := e.ReferredAccountID
			if seen[id] {
				continue
			}
			if len(all) >= referralWalkCap {
				out.Truncated = true
				break
			}
			seen[id] = true
			frontier = append(frontier, id)
			all = append(all, id)
			if depth == 1 {
				direct = append(direct, id)
			}
		}
	}
	accs, _, err := s.referralParties(ctx, q, a, all, nil)
	if err != nil {
		return out, err
	}
	var directProfit, allProfit int64
	isDirect := map[string]bool{}
	for _, id := range direct {
		isDirect[id] = true
	}
	for _, id := range all {
		acc := accs[id]
		if !acc.FiguresOK {
			out.HiddenAccounts++
			continue
		}
		out.DownstreamAccounts++
		out.Downstream = addClamped(out.Downstream, acc.Revenue)
		allProfit += acc.GrossProfit
		if isDirect[id] {
			out.DirectAccounts++
			out.Direct = addClamped(out.Direct, acc.Revenue)
			directProfit += acc.GrossProfit
		}
	}
	if auth.CanSeeCost(a) {
		out.DirectProfit, out.DownstreamProfit = &directProfit, &allProfit
	}
	return out, nil
}

// Graph bounds: hops each way by default and at most, and nodes.
const (
	referralHopsDefault = 2
	referralHopsMax     = 4
	referralNodeCap     = 150
)

// ReferralGraph implements crm.ReferralService: who referred the account
// (upstream) and whom it referred (downstream), a few hops each way,
// with each account's revenue. Parties outside the caller's scope are
// nodes without id, name or figures.
func (s *Service) ReferralGraph(ctx context.Context, accountID string, hops int) (*crm.ReferralGraph, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if hops <= 0 {
		hops = referralHopsDefault
	}
	hops = min(hops, referralHopsMax)
	r, _ := scopes(a, crm.EntityAccount)
	q := s.db.Read()
	if _, err := q.GetAccount(ctx, r, accountID); err != nil {
		return nil, err
	}
	g := &crm.ReferralGraph{Hops: hops, Nodes: []*crm.ReferralNode{}, Edges: []*crm.ReferralEdge{}}
	depth := map[string]int{accountID: 0}
	order := []string{accountID}
	var kept []store.ReferralEdge
	keptIDs := map[string]bool{}
	for _, dir := range []string{store.Upstream, store.Downstream} {
		sign := -1
		if dir == store.Downstream {
			sign = 1
		}
		frontier := []string{accountID}
		for d := 1; d <= hops && len(frontier) > 0; d++ {
			edges, err := q.ReferralEdges(ctx, a.WorkspaceID, frontier, dir)
			if err != nil {
				return nil, err
			}
			frontier = nil
			for _, e := range edges {
				next := e.ReferredAccountID
				if dir == store.Upstream {
					next = e.ReferrerAccountID
				}
				if _, ok := depth[next]; !ok {
					if len(order) >= referralNodeCap {
						g.Truncated = true
						continue
					}
					depth[next] = sign * d
					order = append(order, next)
					frontier = append(frontier, next)
				}
				if !keptIDs[e.ID] {
					keptIDs[e.ID] = true
					kept = append(kept, e)
				}
			}
		}
	}
	var conIDs []string
	for _, e := range kept {
		conIDs = append(conIDs, e.ReferrerContactID, e.ReferredContactID)
	}
	accs, cons, err := s.referralParties(ctx, q, a, order, conIDs)
	if err != nil {
		return nil, err
	}
	seeCost := auth.CanSeeCost(a)
	keys := map[string]string{}
	hidden := 0
	for _, id := range order {
		acc := accs[id]
		n := &crm.ReferralNode{Kind: "account", Depth: depth[id], Root: id == accountID}
		if acc.Visible {
			n.Key, n.ID, n.Name = "a:"+id, id, acc.Name
			if acc.FiguresOK {
				rev, gp := acc.Revenue, acc.GrossProfit
				n.Revenue = &rev
				if seeCost {
					n.GrossProfit = &gp
				}
			}
		} else {
			hidden++
			n.Key, n.Hidden = "hidden-"+strconv.Itoa(hidden), true
		}
		keys[id] = n.Key
		g.Nodes = append(g.Nodes, n)
	}
	contactKey := func(accountID, contactID string) string {
		if contactID == "" {
			return keys[accountID]
		}
		if k, ok := keys["c/"+contactID]; ok {
			return k
		}
		c := cons[contactID]
		n := &crm.ReferralNode{Kind: "contact", AccountKey: keys[accountID], Depth: depth[accountID]}
		if c.Visible && accs[accountID].Visible {
			n.Key, n.ID, n.Name = "c:"+contactID, contactID, c.Name
		} else {
			hidden++
			n.Key, n.Hidden = "hidden-"+strconv.Itoa(hidden), true
		}
		keys["c/"+contactID] = n.Key
		g.Nodes = append(g.Nodes, n)
		g.Edges = append(g.Edges, &crm.ReferralEdge{From: n.Key, To: n.AccountKey, Kind: "member"})
		return n.Key
	}
	seenEdge := map[string]bool{}
	for _, e := range kept {
		if _, ok := depth[e.ReferrerAccountID]; !ok {
			continue
		}
		if _, ok := depth[e.ReferredAccountID]; !ok {
			continue
		}
		from := contactKey(e.ReferrerAccountID, e.ReferrerContactID)
		to := contactKey(e.ReferredAccountID, e.ReferredContactID)
		if k := from + ">" + to; !seenEdge[k] {
			seenEdge[k] = true
			g.Edges = append(g.Edges, &crm.ReferralEdge{From: from, To: to, Kind: "referral"})
		}
	}
	g.ReferredRevenue, err = s.referredRevenue(ctx, q, a, accountID)
	if err != nil {
		return nil, err
	}
	return g, nil
}

// CreateReferral implements crm.ReferralService.
func (s *Service) CreateReferral(ctx context.Context, in crm.ReferralInput) (*crm.Referral, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityAccount); w.Level == crm.ScopeNone || auth.FinanceFieldsOnly(a) {
		return nil, forbidden("Your role may not record referrals.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var ref *crm.Referral
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		referred, err := s.writableAccount(ctx, tx, a, in.ReferredAccountID, 0, false)
		if crm.ErrorCode(err) == crm.ENOTFOUND {
			return fieldError("referred_account_id", "unknown_value", "is not an account you can see")
		}
		if err != nil {
			return err
		}
		r, _ := scopes(a, crm.EntityAccount)
		referrer, err := tx.GetAccount(ctx, r, in.ReferrerAccountID)
		if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && referrer.DeletedAt != nil) {
			return fieldError("referrer_account_id", "unknown_value", "is not an account you can see")
		}
		if err != nil {
			return err
		}
		referrerContact, err := s.referralContact(ctx, tx, a, "referrer_contact_id", in.ReferrerContactID, referrer.ID)
		if err != nil {
			return err
		}
		referredContact, err := s.referralContact(ctx, tx, a, "referred_contact_id", in.ReferredContactID, referred.ID)
		if err != nil {
			return err
		}
		on := in.ReferredOn
		if on == "" {
			on = crm.Date(tx.Now.Format("2006-01-02"))
		}
		ref = &crm.Referral{ID: store.NewID(), Source: "referral", ReferrerAccountID: referrer.ID, ReferrerAccountName: referrer.Name,
			ReferrerContactID: in.ReferrerContactID, ReferrerContactName: referrerContact,
			ReferredAccountID: referred.ID, ReferredAccountName: referred.Name, ReferredContactID: in.ReferredContactID,
			ReferredContactName: referredContact, ReferredOn: on, Note: in.Note, CreatedAt: tx.Now, CreatedBy: a.UserID}
		if err := tx.InsertReferral(ctx, a.WorkspaceID, ref); err != nil {
			if crm.ErrorCode(err) == crm.ECONFLICT {
				return crm.Errorf(crm.ECONFLICT, "This referral is already recorded.")
			}
			return err
		}
		return referralEvent(ctx, tx, a, ref, false)
	})
	if err != nil {
		return nil, err
	}
	return ref, nil
}

// referralContact checks that contactID (if any) is a live contact the
// caller can see and belongs to accountID; it returns the contact's name.
func (s *Service) referralContact(ctx context.Context, tx *store.Tx, a *crm.Actor, field, contactID, accountID string) (string, error) {
	if contactID == "" {
		return "", nil
	}
	r, _ := scopes(a, crm.EntityContact)
	c, err := tx.GetContact(ctx, r, contactID)
	if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && c.DeletedAt != nil) {
		return "", fieldError(field, "unknown_value", "is not a contact you can see")
	}
	if err != nil {
		return "", err
	}
	if c.AccountID != accountID {
		return "", fieldError(field, "wrong_account", "is not a contact of the stated account")
	}
	return c.Name, nil
}

// DeleteReferral implements crm.ReferralService: it needs write access to
// the referred account. Links of kind referred_by are removed as links.
func (s *Service) DeleteReferral(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		ref, err := tx.GetReferral(ctx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		referred, err := s.writableAccount(ctx, tx, a, ref.ReferredAccountID, 0, false)
		if crm.ErrorCode(err) == crm.ENOTFOUND {
			return crm.Errorf(crm.ENOTFOUND, "Referral not found.")
		}
		if err != nil {
			return err
		}
		all := crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}
		referrer, err := tx.GetAccount(ctx, all, ref.ReferrerAccountID)
		if err != nil {
			return err
		}
		ref.ReferredAccountName, ref.ReferrerAccountName = referred.Name, referrer.Name
		for _, c := range []struct {
			id   string
			name *string
		}{{ref.ReferrerContactID, &ref.ReferrerContactName}, {ref.ReferredContactID, &ref.ReferredContactName}} {
			if c.id != "" {
				if con, err := tx.GetContact(ctx, crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}, c.id); err == nil {
					*c.name = con.Name
				}
			}
		}
		if err := tx.DeleteReferral(ctx, a.WorkspaceID, id); err != nil {
			return err
		}
		return referralEvent(ctx, tx, a, ref, true)
	})
}

// referralEvent records a referral in the history of both accounts as
// "<referrer> (contact) -> <referred> (contact)".
func referralEvent(ctx context.Context, tx *store.Tx, a *crm.Actor, r *crm.Referral, removed bool) error {
	side := func(acc, con string) string {
		if con == "" {
			return acc
		}
		return acc + " (" + con + ")"
	}
	text := strings.Join([]string{side(r.ReferrerAccountName, r.ReferrerContactName), side(r.ReferredAccountName, r.ReferredContactName)}, " -> ")
	old, new := "", text
	if removed {
		old, new = text, ""
	}
	for _, id := range []string{r.ReferrerAccountID, r.ReferredAccountID} {
		if err := event(ctx, tx, a, crm.EntityAccount, id, crm.FieldReferral, old, new); err != nil {
			return err
		}
	}
	return nil
}

var _ crm.ReferralService = (*Service)(nil)
