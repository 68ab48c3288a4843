package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// activityAccounts bounds the accounts that get activities, tasks and
// key-account plans: enough for every timeline, to-do group and hotness
// level on a fresh demo, without slowing a million-account one.
const activityAccounts = 2000

var demoSubjects = map[string][]string{
	"phone":       {"电话沟通需求", "电话确认交期", "Call about the renewal"},
	"sms":         {"短信提醒报价有效期", "短信确认拜访时间"},
	"email":       {"发送技术方案", "邮件回复询价", "Sent the proposal"},
	"wechat":      {"微信跟进报价", "微信发送产品资料", "微信确认样品反馈"},
	"visit":       {"上门拜访采购部", "现场勘查产线", "拜访技术部王工"},
	"meeting":     {"方案评审会", "年度合作洽谈会", "Quarterly business review"},
	"call_centre": {"客服回访满意度", "呼叫中心受理报修"},
	"web":         {"官网提交询价", "下载产品白皮书"},
	"forum":       {"论坛咨询使用问题", "参加行业研讨会"},
}

var demoNextSteps = []string{"发送正式报价单", "安排技术交流", "确认样品测试结果", "约见财务负责人", "跟进合同条款", "Send the revised quote"}

var demoOutcomes = []string{"客户认可方案，等待预算审批", "需要补充技术参数", "对价格有顾虑", "同意安排试用", ""}

// activities gives the first accounts a history of follow-ups: activities
// across every channel over the last 120 days (with their contacts), tasks
// from their next steps (overdue, today, upcoming and done), key-account
// plans (some missed), and then their hotness.
func (g *generator) activities(ctx context.Context, db *store.DB, svc *service.Service, ws string) error {
	q := db.Read()
	all := crm.Scope{WorkspaceID: ws, Level: crm.ScopeAll}
	var accounts []*crm.Account
	cursor := ""
	for len(accounts) < activityAccounts {
		page, err := q.ListAccounts(ctx, all, crm.AccountFilter{Sort: "created_at", Limit: crm.MaxPageSize, Cursor: cursor}, nil)
		if err != nil {
			return fmt.Errorf("demo activities: %w", err)
		}
		accounts = append(accounts, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	var acts []*crm.Activity
	var tasks []*crm.Task
	var plans []*crm.KeyAccountPlan
	var history []store.HistoryEntry
	teamOf := map[string]string{}
	for _, u := range g.users {
		teamOf[u.ID] = u.TeamID
	}
	for i, a := range accounts {
		if a.OwnerID == "" || i%5 == 4 { // most accounts, not all: some stay cold
			continue
		}
		contacts, err := q.ListContacts(ctx, all, crm.ContactFilter{AccountID: a.ID, Limit: 5}, nil)
		if err != nil {
			return fmt.Errorf("demo activities: %w", err)
		}
		rng := rand.New(rand.NewPCG(g.seed, uint64(i)+1<<32))
		n := 1 + rng.IntN(6)
		for k := 0; k < n; k++ {
			channel := crm.Channels[(i+k*3+rng.IntN(2))%len(crm.Channels)]
			at := g.now.Add(-time.Duration(rng.Int64N(int64(120 * 24 * time.Hour)))).Truncate(time.Second)
			if at.Before(a.CreatedAt) {
				at = a.CreatedAt
			}
			subjects := demoSubjects[channel]
			x := &crm.Activity{ID: store.NewID(), AccountID: a.ID, Channel: channel, Direction: crm.Directions[rng.IntN(2)],
				Subject: subjects[rng.IntN(len(subjects))], Outcome: demoOutcomes[rng.IntN(len(demoOutcomes))], OccurredAt: at,
				OwnerID: a.OwnerID, TeamID: teamOf[a.OwnerID], ContactIDs: []string{},
				Meta: crm.Meta{Version: 1, CreatedAt: at, CreatedBy: a.OwnerID, UpdatedAt: at, UpdatedBy: a.OwnerID}}
			if len(contacts.Items) > 0 {
				c := contacts.Items[rng.IntN(len(contacts.Items))]
				x.ContactIDs = append(x.ContactIDs, c.ID)
				x.Notes = "与" + c.Name + "沟通了需求与时间表。"
			}
			// The newest activity of some accounts has a next step: due
			// from a week ago to two weeks ahead, a third of the past ones
			// done.
			if k == 0 && rng.IntN(3) == 0 {
				due := g.now.AddDate(0, 0, rng.IntN(21)-7)
				x.NextStep = demoNextSteps[rng.IntN(len(demoNextSteps))]
				x.NextStepDue = crm.Date(due.Format(time.DateOnly))
				x.OccurredAt = g.now.Add(-time.Duration(rng.IntN(48)) * time.Hour).Truncate(time.Second)
				x.CreatedAt, x.UpdatedAt = x.OccurredAt, x.OccurredAt
				t := &crm.Task{ID: store.NewID(), Title: x.NextStep, DueDate: x.NextStepDue, AssigneeID: a.OwnerID, TeamID: x.TeamID,
					AccountID: a.ID, ActivityID: x.ID, Meta: x.Meta}
				if due.Before(g.now) && rng.IntN(3) == 0 {
					done := g.now.Add(-time.Duration(rng.IntN(72)) * time.Hour)
					t.DoneAt, t.Done = &done, true
				}
				if rng.IntN(4) == 0 {
					remind := due.Add(-2 * time.Hour)
					t.RemindAt = &remind
				}
				tasks = append(tasks, t)
			}
			acts = append(acts, x)
			history = append(history, store.HistoryEntry{Entity: crm.EntityActivity, RecordID: x.ID, ActorID: a.OwnerID, At: x.CreatedAt,
				Change: crm.FieldChange{Field: crm.FieldCreated, New: x.Subject}})
		}
		if i%8 == 0 {
			kind := crm.PlanKinds[rng.IntN(2)]
			title := map[string]string{"key_account_meeting": "年度大客户座谈会", "executive_visit": "总经理高层拜访"}[kind]
			due := g.now.AddDate(0, 0, rng.IntN(120)-40)
			k := &crm.KeyAccountPlan{ID: store.NewID(), AccountID: a.ID, Kind: kind, Title: title, DueDate: crm.Date(due.Format(time.DateOnly)),
				AttendeeUserIDs: []string{a.OwnerID}, AttendeeContactIDs: []string{}, Status: "planned",
				Meta: crm.Meta{Version: 1, CreatedAt: a.CreatedAt, CreatedBy: a.OwnerID, UpdatedAt: a.CreatedAt, UpdatedBy: a.OwnerID}}
			if due.Before(g.now) && rng.IntN(2) == 0 {
				k.Status = "done"
			}
			plans = append(plans, k)
		}
	}
	err := db.WithBulkTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertActivities(ctx, ws, acts); err != nil {
			return err
		}
		if err := tx.InsertTasks(ctx, ws, tasks); err != nil {
			return err
		}
		if err := tx.InsertPlans(ctx, ws, plans); err != nil {
			return err
		}
		if err := tx.AppendHistories(ctx, ws, history); err != nil {
			return err
		}
		return tx.AnalyzeActivities(ctx)
	})
	if err != nil {
		return fmt.Errorf("demo activities: %w", err)
	}
	_, err = svc.RefreshHotness(ctx, ws, g.now)
	return err
}
