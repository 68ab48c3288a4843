package crm

import (
	"context"
	"strings"
	"time"
)

// ContactLevel is where a person sits in the customer's hierarchy (层次).
type ContactLevel string

// Contact levels: decision makers are involved briefly but decisively;
// operational staff use the product or receive the service.
const (
	LevelDecision    ContactLevel = "decision"
	LevelManagement  ContactLevel = "management"
	LevelOperational ContactLevel = "operational"
)

// ContactFunction is the department a person speaks for (职能).
type ContactFunction string

// Contact functions: the user department, the technical department that
// selects and maintains, and finance that approves the money.
const (
	FunctionUser      ContactFunction = "user"
	FunctionTechnical ContactFunction = "technical"
	FunctionFinance   ContactFunction = "finance"
)

// Value lists for contacts.
var (
	ContactLevels    = []string{string(LevelDecision), string(LevelManagement), string(LevelOperational)}
	ContactFunctions = []string{string(FunctionUser), string(FunctionTechnical), string(FunctionFinance)}
)

// Consent records, per channel, whether the person agreed to receive
// marketing on it. Service messages do not need consent.
type Consent struct {
	Phone  bool `json:"phone"`
	Mobile bool `json:"mobile" doc:"Calls and SMS to the mobile number."`
	Email  bool `json:"email"`
	WeChat bool `json:"wechat"`
}

// PersonalProfile is what a good account manager knows about a person
// (个人资料). It is sensitive: only the contact's owner, the owner's managers
// and admins may read or write it.
type PersonalProfile struct {
	Family          string `json:"family,omitempty" maxLength:"2000"`
	Hometown        string `json:"hometown,omitempty" maxLength:"100"`
	University      string `json:"university,omitempty" maxLength:"100"`
	Sports          string `json:"sports,omitempty" maxLength:"2000"`
	Restaurants     string `json:"restaurants,omitempty" maxLength:"2000" doc:"Favourite restaurants and food."`
	Pets            string `json:"pets,omitempty" maxLength:"2000"`
	Books           string `json:"books,omitempty" maxLength:"2000"`
	LastVacation    string `json:"last_vacation,omitempty" maxLength:"2000"`
	NextVacation    string `json:"next_vacation,omitempty" maxLength:"2000"`
	Role            string `json:"role,omitempty" maxLength:"2000" doc:"The person's role in the organisation, formal and informal."`
	Colleagues      string `json:"colleagues,omitempty" maxLength:"2000" doc:"Relations with colleagues."`
	Goals           string `json:"goals,omitempty" maxLength:"2000" doc:"This year's goals."`
	DevelopmentPlan string `json:"development_plan,omitempty" maxLength:"2000" doc:"Personal development plan."`
	Birthday        Date   `json:"birthday,omitempty" format:"date"`
}

// ProfileFields are the personal profile's JSON names, in display order.
var ProfileFields = []string{"family", "hometown", "university", "sports", "restaurants", "pets",
	"books", "last_vacation", "next_vacation", "role", "colleagues", "goals", "development_plan", "birthday"}

// Values returns the profile as JSON name -> value.
func (pp *PersonalProfile) Values() map[string]string {
	return map[string]string{
		"family": pp.Family, "hometown": pp.Hometown, "university": pp.University,
		"sports": pp.Sports, "restaurants": pp.Restaurants, "pets": pp.Pets, "books": pp.Books,
		"last_vacation": pp.LastVacation, "next_vacation": pp.NextVacation, "role": pp.Role,
		"colleagues": pp.Colleagues, "goals": pp.Goals, "development_plan": pp.DevelopmentPlan,
		"birthday": string(pp.Birthday),
	}
}

// Empty reports whether no profile field is filled.
func (pp *PersonalProfile) Empty() bool {
	for _, v := range pp.Values() {
		if v != "" {
			return false
		}
	}
	return true
}

func (pp *PersonalProfile) validate(p *Problems) {
	for k, v := range pp.Values() {
		if k == "birthday" {
			continue
		}
		max := MaxLong
		if k == "hometown" || k == "university" {
			max = MaxShort
		}
		p.Text("personal_profile."+k, v, max, true)
	}
	if !pp.Birthday.Valid() {
		p.Add("personal_profile.birthday", "invalid", "must be a date in the form YYYY-MM-DD")
	} else if pp.Birthday != "" && string(pp.Birthday) > time.Now().Format(time.DateOnly) {
		p.Add("personal_profile.birthday", "invalid", "is in the future")
	}
}

// ContactFields are the fields of a contact a user writes.
type ContactFields struct {
	AccountID   string          `json:"account_id"`
	Name        string          `json:"name" minLength:"1" maxLength:"200"`
	Title       string          `json:"title,omitempty" maxLength:"100"`
	Department  string          `json:"department,omitempty" maxLength:"100"`
	ReportsToID string          `json:"reports_to_id,omitempty" doc:"The contact's manager at the same account; builds the org chart."`
	Level       ContactLevel    `json:"level" enum:"decision,management,operational"`
	Function    ContactFunction `json:"function" enum:"user,technical,finance"`
	Concerns    string          `json:"concerns,omitempty" maxLength:"2000" doc:"What this person cares about."`
	Phone       string          `json:"phone,omitempty" maxLength:"40"`
	Mobile      string          `json:"mobile,omitempty" maxLength:"40"`
	Email       string          `json:"email,omitempty" maxLength:"254"`
	WeChat      string          `json:"wechat,omitempty" maxLength:"100"`
	Address     string          `json:"address,omitempty" maxLength:"2000"`
	Consent     Consent         `json:"consent" required:"false" doc:"Marketing consent per channel; all false when left out."`
	OwnerID     string          `json:"owner_id,omitempty" doc:"Defaults to the account's owner."`
	Tags        []string        `json:"tags,omitempty" maxItems:"20"`
	Custom      map[string]any  `json:"custom,omitempty"`
	// PersonalProfile is nil when not set or hidden from the caller (then
	// "personal_profile" is listed in redacted).
	PersonalProfile *PersonalProfile `json:"personal_profile,omitempty"`
}

// Contact is a person at an account (联系人).
type Contact struct {
	ID string `json:"id" readOnly:"true"`
	ContactFields
	AccountName string `json:"account_name,omitempty" readOnly:"true"`
	TeamID      string `json:"team_id,omitempty" readOnly:"true"`
	Meta
	Redaction
}

// ContactUpdate changes the fields that are set.
type ContactUpdate struct {
	Name            *string          `json:"name,omitempty" maxLength:"200"`
	Title           *string          `json:"title,omitempty" maxLength:"100"`
	Department      *string          `json:"department,omitempty" maxLength:"100"`
	ReportsToID     *string          `json:"reports_to_id,omitempty"`
	Level           *ContactLevel    `json:"level,omitempty" enum:"decision,management,operational"`
	Function        *ContactFunction `json:"function,omitempty" enum:"user,technical,finance"`
	Concerns        *string          `json:"concerns,omitempty" maxLength:"2000"`
	Phone           *string          `json:"phone,omitempty" maxLength:"40"`
	Mobile          *string          `json:"mobile,omitempty" maxLength:"40"`
	Email           *string          `json:"email,omitempty" maxLength:"254"`
	WeChat          *string          `json:"wechat,omitempty" maxLength:"100"`
	Address         *string          `json:"address,omitempty" maxLength:"2000"`
	Consent         *Consent         `json:"consent,omitempty"`
	OwnerID         *string          `json:"owner_id,omitempty"`
	Tags            *[]string        `json:"tags,omitempty" maxItems:"20"`
	Custom          *map[string]any  `json:"custom,omitempty"`
	PersonalProfile *PersonalProfile `json:"personal_profile,omitempty" doc:"Replaces the whole profile."`
}

// Apply copies the set fields of u onto f.
func (u *ContactUpdate) Apply(f *ContactFields) {
	set(&f.Name, u.Name)
	set(&f.Title, u.Title)
	set(&f.Department, u.Department)
	set(&f.ReportsToID, u.ReportsToID)
	set(&f.Level, u.Level)
	set(&f.Function, u.Function)
	set(&f.Concerns, u.Concerns)
	set(&f.Phone, u.Phone)
	set(&f.Mobile, u.Mobile)
	set(&f.Email, u.Email)
	set(&f.WeChat, u.WeChat)
	set(&f.Address, u.Address)
	set(&f.Consent, u.Consent)
	set(&f.OwnerID, u.OwnerID)
	set(&f.Tags, u.Tags)
	set(&f.Custom, u.Custom)
	if u.PersonalProfile != nil {
		pp := *u.PersonalProfile
		f.PersonalProfile = &pp
	}
}

// Normalize trims and canonicalises user input.
func (f *ContactFields) Normalize() {
	f.Name = strings.TrimSpace(f.Name)
	f.Email = strings.ToLower(strings.TrimSpace(f.Email))
	f.Phone = strings.TrimSpace(f.Phone)
	f.Mobile = strings.TrimSpace(f.Mobile)
	f.WeChat = strings.TrimSpace(f.WeChat)
	if f.PersonalProfile != nil && f.PersonalProfile.Empty() {
		f.PersonalProfile = nil
	}
}

// Validate checks the fields' own rules.
func (f *ContactFields) Validate() error {
	var p Problems
	if f.AccountID == "" {
		p.Required("account_id")
	}
	p.ID("account_id", f.AccountID)
	p.RequiredText("name", f.Name, MaxName)
	p.Text("title", f.Title, MaxShort, false)
	p.Text("department", f.Department, MaxShort, false)
	p.ID("reports_to_id", f.ReportsToID)
	if f.Level == "" {
		p.Required("level")
	}
	p.Enum("level", string(f.Level), ContactLevels)
	if f.Function == "" {
		p.Required("function")
	}
	p.Enum("function", string(f.Function), ContactFunctions)
	p.Text("concerns", f.Concerns, MaxLong, true)
	p.Phone("phone", f.Phone)
	p.Phone("mobile", f.Mobile)
	p.Email("email", f.Email)
	p.Text("wechat", f.WeChat, MaxShort, false)
	p.Text("address", f.Address, MaxLong, true)
	p.ID("owner_id", f.OwnerID)
	p.Tags("tags", f.Tags)
	if f.PersonalProfile != nil {
		f.PersonalProfile.validate(&p)
	}
	return p.Err()
}

// Snapshot flattens a contact for history. Profile fields are prefixed
// "personal_profile." so the field rule can hide them in history too.
func (c *Contact) Snapshot() Snapshot {
	s := Snapshot{
		"name": c.Name, "title": c.Title, "department": c.Department,
		"reports_to_id": c.ReportsToID, "level": string(c.Level), "function": string(c.Function),
		"concerns": c.Concerns, "phone": c.Phone, "mobile": c.Mobile, "email": c.Email,
		"wechat": c.WeChat, "address": c.Address, "owner_id": c.OwnerID, "team_id": c.TeamID,
		"account_id": c.AccountID, "tags": strings.Join(c.Tags, ", "),
		"consent.phone": boolString(c.Consent.Phone), "consent.mobile": boolString(c.Consent.Mobile),
		"consent.email": boolString(c.Consent.Email), "consent.wechat": boolString(c.Consent.WeChat),
	}
	pp := c.PersonalProfile
	if pp == nil {
		pp = &PersonalProfile{}
	}
	for k, v := range pp.Values() {
		s["personal_profile."+k] = v
	}
	addCustom(s, c.Custom)
	return s
}

// ProfileField reports whether a history field belongs to the personal
// profile.
func ProfileField(field string) bool { return strings.HasPrefix(field, "personal_profile.") }

// ContactSorts are the orders a list of contacts may take.
var ContactSorts = []string{"name", "created_at", "updated_at", "level", "function"}

// ContactFilter selects contacts. Empty fields do not filter.
type ContactFilter struct {
	Q           string // name, pinyin, initials, phones, e-mail, WeChat
	AccountID   string
	Level       string
	Function    string
	Department  string
	Title       string
	OwnerID     string
	TeamID      string
	ReportsToID string
	Tags        []string
	Consent     string // a channel the person consented to: phone, mobile, email, wechat
	CreatedFrom *time.Time
	CreatedTo   *time.Time
	UpdatedFrom *time.Time
	UpdatedTo   *time.Time
	Custom      map[string]string
	Deleted     Deleted
	Sort        string
	Limit       int
	Cursor      string
	WithTotal   bool
}

// ConsentChannels are the channels a ContactFilter.Consent may name.
var ConsentChannels = []string{"phone", "mobile", "email", "wechat"}

// ContactService manages contacts. Contacts follow their own owner's scope;
// the personal profile follows the field rule on PersonalProfile.
type ContactService interface {
	// CreateContact returns EINVALID if the account or reports-to contact
	// is unknown, EFORBIDDEN if the caller may not write the account.
	CreateContact(ctx context.Context, in ContactFields) (*Contact, error)
	GetContact(ctx context.Context, id string) (*Contact, error)
	ListContacts(ctx context.Context, f ContactFilter) (*Page[*Contact], error)
	// UpdateContact returns ESTALE if the contact is no longer at version,
	// EFORBIDDEN if it changes the profile without the right to read it.
	UpdateContact(ctx context.Context, id string, version int, upd ContactUpdate) (*Contact, error)
	DeleteContact(ctx context.Context, id string, version int) error
	RestoreContact(ctx context.Context, id string) (*Contact, error)
}
