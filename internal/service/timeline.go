package service

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"sort"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Timeline implements crm.ActivityService: the activities, tasks,
// key-account plans and stage moves of an account, contact or opportunity,
// newest first, one keyset page at a time. Activities and tasks, the
// sources that grow without bound, read at most one page after the cursor,
// so a deep page costs what the first one does; key-account plans and stage
// moves (a handful per record) are read whole and filtered by the cursor.
func (s *Service) Timeline(ctx context.Context, subject crm.Entity, id, cursor string, limit int) (*crm.Page[*crm.TimelineItem], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.Read()
	ar, _ := scopes(a, crm.EntityActivity)
	sub := store.TimelineSubject{Entity: subject, ID: id}
	var accountID string
	switch subject {
	case crm.EntityAccount:
		acc, err := q.GetAccount(ctx, ar, id)
		if err != nil {
			return nil, err
		}
		accountID = acc.ID
	case crm.EntityContact:
		r, _ := scopes(a, crm.EntityContact)
		if _, err := q.GetContact(ctx, r, id); err != nil {
			return nil, err
		}
	case crm.EntityOpportunity:
		r, _ := scopes(a, crm.EntityOpportunity)
		if _, err := q.GetOpportunity(ctx, r, id); err != nil {
			return nil, err
		}
	default:
		return nil, crm.Errorf(crm.ENOTFOUND, "No timeline for %s.", subject)
	}
	cur, err := decodeTimelineCursor(cursor)
	if err != nil {
		return nil, err
	}
	limit = crm.PageSize(limit)
	type entry struct {
		rank int
		key  string
		item *crm.TimelineItem
	}
	var all []entry
	acts, err := q.TimelineActivities(ctx, ar, sub, cur, limit+1)
	if err != nil {
		return nil, err
	}
	for _, x := range acts {
		all = append(all, entry{store.RankActivity, x.ID, &crm.TimelineItem{Kind: "activity", At: x.OccurredAt, Activity: x}})
	}
	tasks, err := q.TimelineTasks(ctx, a.WorkspaceID, sub, cur, limit+1)
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		all = append(all, entry{store.RankTask, t.ID, &crm.TimelineItem{Kind: "task", At: t.CreatedAt, Task: t}})
	}
	if accountID != "" {
		plans, err := q.ListPlans(ctx, ar, store.PlanFilter{AccountID: accountID})
		if err != nil {
			return nil, err
		}
		for _, k := range plans {
			at, _ := time.Parse(time.DateOnly, string(k.DueDate))
			if cur.After(at, store.RankPlan, k.ID) {
				k.Overdue = planOverdue(k)
				all = append(all, entry{store.RankPlan, k.ID, &crm.TimelineItem{Kind: "plan", At: at, Plan: k}})
			}
		}
	}
	if subject != crm.EntityContact {
		changes, err := q.TimelineStageChanges(ctx, a.WorkspaceID, sub)
		if err != nil {
			return nil, err
		}
		for i := range changes {
			c := &changes[i]
			key := c.OpportunityID + "/" + c.At.Format(time.RFC3339Nano)
			if cur.After(c.At, store.RankStageChange, key) {
				all = append(all, entry{store.RankStageChange, key, &crm.TimelineItem{Kind: "stage_change", At: c.At, StageChange: c}})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool {
		x, y := all[i], all[j]
		return (&store.TimelineCursor{At: x.item.At, Rank: x.rank, Key: x.key}).After(y.item.At, y.rank, y.key)
	})
	page := &crm.Page[*crm.TimelineItem]{Items: []*crm.TimelineItem{}}
	for i, e := range all {
		if i == limit {
			last := all[i-1]
			page.NextCursor = encodeTimelineCursor(store.TimelineCursor{At: last.item.At, Rank: last.rank, Key: last.key})
			break
		}
		page.Items = append(page.Items, e.item)
	}
	return page, nil
}

type timelineCursor struct {
	At   time.Time `json:"t"`
	Rank int       `json:"r"`
	Key  string    `json:"k"`
}

func encodeTimelineCursor(c store.TimelineCursor) string {
	b, _ := json.Marshal(timelineCursor{c.At.UTC(), c.Rank, c.Key})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeTimelineCursor(s string) (*store.TimelineCursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c timelineCursor
	if err != nil || len(b) > 1024 || json.Unmarshal(b, &c) != nil || c.Rank < store.RankStageChange || c.Rank > store.RankActivity || c.Key == "" {
		return nil, fieldError("cursor", "invalid", "is not a cursor from this timeline")
	}
	return &store.TimelineCursor{At: c.At.UTC(), Rank: c.Rank, Key: c.Key}, nil
}
