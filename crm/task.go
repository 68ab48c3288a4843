package crm

import (
	"strings"
	"time"
)

// TaskFields are what a user writes when setting a task.
type TaskFields struct {
	Title         string     `json:"title" maxLength:"200"`
	Notes         string     `json:"notes,omitempty" maxLength:"2000"`
	Due           string     `json:"due,omitempty" maxLength:"40" doc:"YYYY-MM-DD or RFC 3339."`
	RemindAt      *time.Time `json:"remind_at,omitempty" doc:"When the task shows as due in the header."`
	AssigneeID    string     `json:"assignee_id,omitempty" doc:"Defaults to the caller; must be able to see the account."`
	AccountID     string     `json:"account_id,omitempty"`
	OpportunityID string     `json:"opportunity_id,omitempty" doc:"An opportunity of the account."`
	ContactID     string     `json:"contact_id,omitempty" doc:"A contact of the account."`
}

// Task is a to-do with an optional reminder.
type Task struct {
	ID            string     `json:"id" readOnly:"true"`
	Title         string     `json:"title"`
	Notes         string     `json:"notes"`
	DueDate       Date       `json:"due_date,omitempty" format:"date" doc:"The due day (UTC)."`
	DueAt         *time.Time `json:"due_at,omitempty" doc:"The due time when one was given."`
	RemindAt      *time.Time `json:"remind_at,omitempty"`
	AssigneeID    string     `json:"assignee_id"`
	TeamID        string     `json:"team_id,omitempty" readOnly:"true" doc:"The assignee's team."`
	AccountID     string     `json:"account_id,omitempty"`
	AccountName   string     `json:"account_name,omitempty" readOnly:"true"`
	OpportunityID string     `json:"opportunity_id,omitempty"`
	ContactID     string     `json:"contact_id,omitempty"`
	ActivityID    string     `json:"activity_id,omitempty" readOnly:"true" doc:"The activity whose next step this is."`
	Done          bool       `json:"done" readOnly:"true"`
	DoneAt        *time.Time `json:"done_at,omitempty" readOnly:"true"`
	Meta
}

// TaskUpdate changes the fields that are set.
type TaskUpdate struct {
	Title      *string    `json:"title,omitempty" maxLength:"200"`
	Notes      *string    `json:"notes,omitempty" maxLength:"2000"`
	Due        *string    `json:"due,omitempty" maxLength:"40" doc:"YYYY-MM-DD or RFC 3339; empty clears it."`
	RemindAt   *time.Time `json:"remind_at,omitempty"`
	NoRemind   bool       `json:"no_remind,omitempty" doc:"Clears the reminder."`
	AssigneeID *string    `json:"assignee_id,omitempty"`
	Done       *bool      `json:"done,omitempty" doc:"Marks the task done or not done."`
}

// Validate checks a task's own fields.
func (t *Task) Validate() error {
	t.Title = strings.TrimSpace(t.Title)
	var p Problems
	p.RequiredText("title", t.Title, MaxShort)
	p.Text("notes", t.Notes, MaxLong, true)
	p.ID("assignee_id", t.AssigneeID)
	p.ID("account_id", t.AccountID)
	p.ID("opportunity_id", t.OpportunityID)
	p.ID("contact_id", t.ContactID)
	if (t.OpportunityID != "" || t.ContactID != "") && t.AccountID == "" {
		p.Add("account_id", "required", "is required with an opportunity or contact")
	}
	return p.Err()
}

// Snapshot flattens a task for history.
func (t *Task) Snapshot() Snapshot {
	remind := ""
	if t.RemindAt != nil {
		remind = t.RemindAt.UTC().Format(time.RFC3339)
	}
	return Snapshot{"title": t.Title, "notes": t.Notes, "due": dueString(t.DueDate, t.DueAt), "remind_at": remind,
		"assignee_id": t.AssigneeID, "done": boolString(t.Done)}
}

// Key-account plan kinds and statuses (DOMAIN.md section 2, seed 004).
var (
	PlanKinds    = []string{"key_account_meeting", "executive_visit"}
	PlanStatuses = []string{"planned", "done", "cancelled"}
)

// KeyAccountPlanFields are what a user writes for a plan.
type KeyAccountPlanFields struct {
	AccountID          string   `json:"account_id"`
	Kind               string   `json:"kind" enum:"key_account_meeting,executive_visit"`
	Title              string   `json:"title" maxLength:"200"`
	DueDate            Date     `json:"due_date" format:"date"`
	AttendeeUserIDs    []string `json:"attendee_user_ids,omitempty" maxItems:"50" doc:"Our people."`
	AttendeeContactIDs []string `json:"attendee_contact_ids,omitempty" maxItems:"50" doc:"The customer's contacts."`
	Status             string   `json:"status,omitempty" enum:"planned,done,cancelled" doc:"Defaults to planned."`
	Notes              string   `json:"notes,omitempty" maxLength:"2000"`
}

// KeyAccountPlan is an annual key-account meeting (大客户座谈会) or an
// executive visit (高层拜访) planned for an account.
type KeyAccountPlan struct {
	ID                 string   `json:"id" readOnly:"true"`
	AccountID          string   `json:"account_id"`
	AccountName        string   `json:"account_name" readOnly:"true"`
	Kind               string   `json:"kind" enum:"key_account_meeting,executive_visit"`
	Title              string   `json:"title"`
	DueDate            Date     `json:"due_date" format:"date"`
	AttendeeUserIDs    []string `json:"attendee_user_ids"`
	AttendeeContactIDs []string `json:"attendee_contact_ids"`
	Status             string   `json:"status" enum:"planned,done,cancelled"`
	Notes              string   `json:"notes"`
	Overdue            bool     `json:"overdue" readOnly:"true" doc:"Planned and past its due date."`
	OwnerID            string   `json:"owner_id,omitempty" readOnly:"true" doc:"The account's owner."`
	Meta
}

// KeyAccountPlanUpdate changes the fields that are set.
type KeyAccountPlanUpdate struct {
	Kind               *string   `json:"kind,omitempty" enum:"key_account_meeting,executive_visit"`
	Title              *string   `json:"title,omitempty" maxLength:"200"`
	DueDate            *Date     `json:"due_date,omitempty" format:"date"`
	AttendeeUserIDs    *[]string `json:"attendee_user_ids,omitempty" maxItems:"50"`
	AttendeeContactIDs *[]string `json:"attendee_contact_ids,omitempty" maxItems:"50"`
	Status             *string   `json:"status,omitempty" enum:"planned,done,cancelled"`
	Notes              *string   `json:"notes,omitempty" maxLength:"2000"`
}

// Validate checks a plan's own fields.
func (k *KeyAccountPlan) Validate() error {
	k.Title = strings.TrimSpace(k.Title)
	k.AttendeeUserIDs, k.AttendeeContactIDs = uniqueIDs(k.AttendeeUserIDs), uniqueIDs(k.AttendeeContactIDs)
	var p Problems
	p.ID("account_id", k.AccountID)
	p.Enum("kind", k.Kind, PlanKinds)
	p.Enum("status", k.Status, PlanStatuses)
	p.RequiredText("title", k.Title, MaxShort)
	p.Text("notes", k.Notes, MaxLong, true)
	switch {
	case k.DueDate == "":
		p.Add("due_date", "required", "is required")
	case !k.DueDate.Valid():
		p.Add("due_date", "invalid", "is not a date in the form YYYY-MM-DD")
	}
	for _, id := range k.AttendeeUserIDs {
		p.ID("attendee_user_ids", id)
	}
	for _, id := range k.AttendeeContactIDs {
		p.ID("attendee_contact_ids", id)
	}
	return p.Err()
}

// Snapshot flattens a plan for history.
func (k *KeyAccountPlan) Snapshot() Snapshot {
	return Snapshot{"kind": k.Kind, "title": k.Title, "due_date": string(k.DueDate), "status": k.Status, "notes": k.Notes,
		"attendee_user_ids": strings.Join(k.AttendeeUserIDs, ","), "attendee_contact_ids": strings.Join(k.AttendeeContactIDs, ",")}
}
