package crm

import (
	"strings"
	"time"
)

// Entities of issue 3's follow-up work. Activities and key-account plans
// belong to an account and follow its scope (EntityActivity's grant); a
// task belongs to its assignee (EntityTask's grant).
const (
	EntityActivity       Entity = "activity"
	EntityTask           Entity = "task"
	EntityKeyAccountPlan Entity = "key_account_plan"
)

// Channel is how a touch with the customer happened (DOMAIN.md section 2).
type Channel string

// Channels.
const (
	ChannelPhone      Channel = "phone"
	ChannelSMS        Channel = "sms"
	ChannelEmail      Channel = "email"
	ChannelWeChat     Channel = "wechat"
	ChannelVisit      Channel = "visit"
	ChannelMeeting    Channel = "meeting"
	ChannelCallCentre Channel = "call_centre"
	ChannelWeb        Channel = "web"
	ChannelForum      Channel = "forum"
)

// Channels lists every channel in the order the UI offers them.
var Channels = []string{"phone", "sms", "email", "wechat", "visit", "meeting", "call_centre", "web", "forum"}

// Directions of an activity: who reached out.
var Directions = []string{"inbound", "outbound"}

// ActivityFields are what a user logs.
type ActivityFields struct {
	AccountID     string     `json:"account_id"`
	OpportunityID string     `json:"opportunity_id,omitempty" doc:"An opportunity of the same account."`
	Channel       string     `json:"channel" enum:"phone,sms,email,wechat,visit,meeting,call_centre,web,forum"`
	Direction     string     `json:"direction" enum:"inbound,outbound"`
	ContactIDs    []string   `json:"contact_ids,omitempty" maxItems:"50" doc:"Contacts of the same account who took part."`
	Subject       string     `json:"subject" maxLength:"200"`
	Notes         string     `json:"notes,omitempty" maxLength:"2000"`
	Outcome       string     `json:"outcome,omitempty" maxLength:"2000"`
	NextStep      string     `json:"next_step,omitempty" maxLength:"200"`
	NextStepDue   string     `json:"next_step_due,omitempty" maxLength:"40" doc:"YYYY-MM-DD or RFC 3339; creates a task for the activity's owner."`
	OccurredAt    *time.Time `json:"occurred_at,omitempty" doc:"Defaults to now."`
}

// Activity is a logged touch (跟单记录).
type Activity struct {
	ID            string     `json:"id" readOnly:"true"`
	AccountID     string     `json:"account_id"`
	AccountName   string     `json:"account_name" readOnly:"true"`
	OpportunityID string     `json:"opportunity_id,omitempty"`
	Channel       string     `json:"channel" enum:"phone,sms,email,wechat,visit,meeting,call_centre,web,forum"`
	Direction     string     `json:"direction" enum:"inbound,outbound"`
	ContactIDs    []string   `json:"contact_ids"`
	Subject       string     `json:"subject"`
	Notes         string     `json:"notes"`
	Outcome       string     `json:"outcome"`
	NextStep      string     `json:"next_step"`
	NextStepDue   Date       `json:"next_step_due,omitempty" format:"date" doc:"The due day (UTC)."`
	NextStepDueAt *time.Time `json:"next_step_due_at,omitempty" doc:"The due time when one was given."`
	OccurredAt    time.Time  `json:"occurred_at"`
	OwnerID       string     `json:"owner_id" readOnly:"true" doc:"Who logged it."`
	TeamID        string     `json:"team_id,omitempty" readOnly:"true"`
	TaskID        string     `json:"task_id,omitempty" readOnly:"true" doc:"The task made from the next step."`
	Meta
}

// ActivityUpdate changes the fields that are set.
type ActivityUpdate struct {
	OpportunityID *string    `json:"opportunity_id,omitempty" doc:"Empty clears it."`
	Channel       *string    `json:"channel,omitempty" enum:"phone,sms,email,wechat,visit,meeting,call_centre,web,forum"`
	Direction     *string    `json:"direction,omitempty" enum:"inbound,outbound"`
	ContactIDs    *[]string  `json:"contact_ids,omitempty" maxItems:"50"`
	Subject       *string    `json:"subject,omitempty" maxLength:"200"`
	Notes         *string    `json:"notes,omitempty" maxLength:"2000"`
	Outcome       *string    `json:"outcome,omitempty" maxLength:"2000"`
	NextStep      *string    `json:"next_step,omitempty" maxLength:"200"`
	NextStepDue   *string    `json:"next_step_due,omitempty" maxLength:"40" doc:"YYYY-MM-DD or RFC 3339; empty clears it."`
	OccurredAt    *time.Time `json:"occurred_at,omitempty"`
}

// ParseDue reads a due value: a day (YYYY-MM-DD) or an instant (RFC 3339).
// An instant's day is its UTC day, the day the to-do centre groups by.
func ParseDue(s string) (day Date, at *time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil, true
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Date(t.Format(time.DateOnly)), nil, true
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "", nil, false
	}
	t = t.UTC()
	return Date(t.Format(time.DateOnly)), &t, true
}

// Normalize trims the text fields and drops repeated contacts.
func (a *Activity) Normalize() {
	a.Subject = strings.TrimSpace(a.Subject)
	a.NextStep = strings.TrimSpace(a.NextStep)
	a.Outcome = strings.TrimSpace(a.Outcome)
	a.ContactIDs = uniqueIDs(a.ContactIDs)
}

func uniqueIDs(ids []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Validate checks an activity's own fields; the service checks the
// account, opportunity and contacts.
func (a *Activity) Validate() error {
	var p Problems
	p.ID("account_id", a.AccountID)
	p.ID("opportunity_id", a.OpportunityID)
	p.Enum("channel", a.Channel, Channels)
	p.Enum("direction", a.Direction, Directions)
	if a.Channel == "" {
		p.Required("channel")
	}
	if a.Direction == "" {
		p.Required("direction")
	}
	p.RequiredText("subject", a.Subject, MaxShort)
	p.Text("notes", a.Notes, MaxLong, true)
	p.Text("outcome", a.Outcome, MaxLong, true)
	p.Text("next_step", a.NextStep, MaxShort, false)
	for _, id := range a.ContactIDs {
		p.ID("contact_ids", id)
	}
	if a.NextStepDue != "" && a.NextStep == "" {
		p.Add("next_step", "required", "is required with a due date")
	}
	if a.OccurredAt.After(time.Now().AddDate(1, 0, 0)) || a.OccurredAt.Before(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)) {
		p.Add("occurred_at", "out_of_range", "must be between 1900 and a year from now")
	}
	return p.Err()
}

// Snapshot flattens an activity for history.
func (a *Activity) Snapshot() Snapshot {
	return Snapshot{"opportunity_id": a.OpportunityID, "channel": a.Channel, "direction": a.Direction,
		"contact_ids": strings.Join(a.ContactIDs, ","), "subject": a.Subject, "notes": a.Notes, "outcome": a.Outcome,
		"next_step": a.NextStep, "next_step_due": dueString(a.NextStepDue, a.NextStepDueAt),
		"occurred_at": a.OccurredAt.UTC().Format(time.RFC3339)}
}

func dueString(d Date, at *time.Time) string {
	if at != nil {
		return at.UTC().Format(time.RFC3339)
	}
	return string(d)
}

// ActivityFilter selects activities for a list.
type ActivityFilter struct {
	AccountID     string
	OpportunityID string
	Deleted       Deleted
	Limit         int
	Cursor        string
}
