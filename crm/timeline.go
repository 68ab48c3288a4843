package crm

import (
	"context"
	"time"
)

// TimelineItem is one entry of a record's timeline: exactly one of
// Activity, Task, Plan and StageChange is set, as Kind says.
type TimelineItem struct {
	Kind        string          `json:"kind" enum:"activity,task,plan,stage_change"`
	At          time.Time       `json:"at" doc:"When it happened: an activity's time, a task's creation, a plan's due day, a stage move."`
	Activity    *Activity       `json:"activity,omitempty"`
	Task        *Task           `json:"task,omitempty"`
	Plan        *KeyAccountPlan `json:"plan,omitempty"`
	StageChange *StageChange    `json:"stage_change,omitempty"`
}

// TodoItem is a task or a key-account plan in the to-do centre.
type TodoItem struct {
	Kind          string     `json:"kind" enum:"task,plan"`
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	DueDate       Date       `json:"due_date,omitempty" format:"date"`
	DueAt         *time.Time `json:"due_at,omitempty"`
	RemindAt      *time.Time `json:"remind_at,omitempty"`
	Done          bool       `json:"done"`
	DoneAt        *time.Time `json:"done_at,omitempty"`
	PlanKind      string     `json:"plan_kind,omitempty" doc:"key_account_meeting or executive_visit."`
	AccountID     string     `json:"account_id,omitempty"`
	AccountName   string     `json:"account_name,omitempty"`
	OpportunityID string     `json:"opportunity_id,omitempty"`
	ActivityID    string     `json:"activity_id,omitempty"`
	OwnerID       string     `json:"owner_id" doc:"Whose item it is: the assignee of a task, the account owner of a plan."`
	OwnerName     string     `json:"owner_name"`
	Mine          bool       `json:"mine" doc:"False for a team member's overdue item shown to their manager."`
	Version       int        `json:"version"`
}

// Todo is the caller's to-do centre (待办), grouped by the UTC day.
type Todo struct {
	Today        Date        `json:"today" format:"date" doc:"The day the grouping used (UTC, as the rest of the server)."`
	Overdue      []*TodoItem `json:"overdue"`
	DueToday     []*TodoItem `json:"due_today"`
	Upcoming     []*TodoItem `json:"upcoming" doc:"Later or without a due day."`
	Done         []*TodoItem `json:"done" doc:"Done in the last 7 days."`
	RemindersDue int         `json:"reminders_due" doc:"Open tasks of yours whose reminder time has passed: the header's bell."`
}

// ActivityService logs activities, tasks and key-account plans, and
// serves timelines and the to-do centre.
type ActivityService interface {
	CreateActivity(ctx context.Context, in ActivityFields) (*Activity, error)
	GetActivity(ctx context.Context, id string) (*Activity, error)
	UpdateActivity(ctx context.Context, id string, version int, upd ActivityUpdate) (*Activity, error)
	DeleteActivity(ctx context.Context, id string, version int) error
	RestoreActivity(ctx context.Context, id string) (*Activity, error)
	CreateTask(ctx context.Context, in TaskFields) (*Task, error)
	GetTask(ctx context.Context, id string) (*Task, error)
	UpdateTask(ctx context.Context, id string, version int, upd TaskUpdate) (*Task, error)
	DeleteTask(ctx context.Context, id string, version int) error
	CreatePlan(ctx context.Context, in KeyAccountPlanFields) (*KeyAccountPlan, error)
	GetPlan(ctx context.Context, id string) (*KeyAccountPlan, error)
	UpdatePlan(ctx context.Context, id string, version int, upd KeyAccountPlanUpdate) (*KeyAccountPlan, error)
	DeletePlan(ctx context.Context, id string, version int) error
	ListPlans(ctx context.Context, accountID string) ([]*KeyAccountPlan, error)
	Timeline(ctx context.Context, subject Entity, id, cursor string, limit int) (*Page[*TimelineItem], error)
	Todo(ctx context.Context) (*Todo, error)
}
