package crm

import (
	"context"
	"strings"
	"time"
)

// BuyingRole is the part a contact plays in one purchase (采购角色).
type BuyingRole string

// Buying roles.
const (
	RoleDecisionMaker      BuyingRole = "decision_maker"
	RoleInfluencer         BuyingRole = "influencer"
	RoleUser               BuyingRole = "user"
	RoleTechnicalEvaluator BuyingRole = "technical_evaluator"
	RoleApprover           BuyingRole = "approver"
	RoleGatekeeper         BuyingRole = "gatekeeper"
)

// Stance is how a contact leans towards our offer.
type Stance string

// Stances.
const (
	StanceSupporter Stance = "supporter"
	StanceNeutral   Stance = "neutral"
	StanceOpponent  Stance = "opponent"
)

// Allowed values, in display order.
var (
	BuyingRoles = []string{string(RoleDecisionMaker), string(RoleInfluencer), string(RoleUser),
		string(RoleTechnicalEvaluator), string(RoleApprover), string(RoleGatekeeper)}
	Stances = []string{string(StanceSupporter), string(StanceNeutral), string(StanceOpponent)}
)

// OpportunityContactFields link a contact of the opportunity's account to
// the opportunity.
type OpportunityContactFields struct {
	ContactID string     `json:"contact_id"`
	Role      BuyingRole `json:"role" enum:"decision_maker,influencer,user,technical_evaluator,approver,gatekeeper"`
	Stance    Stance     `json:"stance" enum:"supporter,neutral,opponent"`
	Note      string     `json:"note,omitempty" maxLength:"500"`
}

// OpportunityContactUpdate changes the fields that are set.
type OpportunityContactUpdate struct {
	Role   *BuyingRole `json:"role,omitempty" enum:"decision_maker,influencer,user,technical_evaluator,approver,gatekeeper"`
	Stance *Stance     `json:"stance,omitempty" enum:"supporter,neutral,opponent"`
	Note   *string     `json:"note,omitempty" maxLength:"500"`
}

// MaxBuyingNote is the length limit of a member's note.
const MaxBuyingNote = 500

// OpportunityContact is a member of an opportunity's buying centre: the
// link and the contact's public work fields (never the personal profile).
type OpportunityContact struct {
	OpportunityID string          `json:"opportunity_id"`
	ContactID     string          `json:"contact_id"`
	Name          string          `json:"name" readOnly:"true"`
	Title         string          `json:"title" readOnly:"true"`
	Level         ContactLevel    `json:"level" enum:"decision,management,operational" readOnly:"true"`
	Function      ContactFunction `json:"function" enum:"user,technical,finance" readOnly:"true"`
	Role          BuyingRole      `json:"role" enum:"decision_maker,influencer,user,technical_evaluator,approver,gatekeeper"`
	Stance        Stance          `json:"stance" enum:"supporter,neutral,opponent"`
	Note          string          `json:"note"`
	CreatedAt     time.Time       `json:"created_at" readOnly:"true"`
	UpdatedAt     time.Time       `json:"updated_at" readOnly:"true"`
}

// Normalize trims the text fields.
func (in *OpportunityContactFields) Normalize() {
	in.ContactID = strings.TrimSpace(in.ContactID)
	in.Note = strings.TrimSpace(in.Note)
}

// Validate checks the link's own fields; the service checks the contact.
func (in *OpportunityContactFields) Validate() error {
	var p Problems
	if in.ContactID == "" {
		p.Required("contact_id")
	}
	p.ID("contact_id", in.ContactID)
	validateMember(&p, in.Role, in.Stance, in.Note)
	return p.Err()
}

// Validate checks a member after a change.
func (m *OpportunityContact) Validate() error {
	var p Problems
	validateMember(&p, m.Role, m.Stance, m.Note)
	return p.Err()
}

func validateMember(p *Problems, role BuyingRole, stance Stance, note string) {
	if role == "" {
		p.Required("role")
	}
	p.Enum("role", string(role), BuyingRoles)
	if stance == "" {
		p.Required("stance")
	}
	p.Enum("stance", string(stance), Stances)
	p.Text("note", note, MaxBuyingNote, true)
}

// HistoryText is how a member reads in the opportunity's field history.
func (m *OpportunityContact) HistoryText() string {
	s := m.Name + " · " + string(m.Role) + " · " + string(m.Stance)
	if m.Note != "" {
		s += " · " + m.Note
	}
	return s
}

// FieldBuyingCentre is the history field of buying-centre changes.
const FieldBuyingCentre = "buying_centre"

// BuyingCell is one level x function cell of the buying-centre grid.
type BuyingCell struct {
	Level    ContactLevel    `json:"level" enum:"decision,management,operational"`
	Function ContactFunction `json:"function" enum:"user,technical,finance"`
}

// Gap warning codes: plain-language problems of a buying centre, which
// the UI words in the reader's language.
const (
	GapNoFunction            = "no_function"                 // nobody from Function
	GapNoLevel               = "no_level"                    // nobody at Level
	GapNoDecisionMaker       = "no_decision_maker"           // no contact has the decision_maker role
	GapNoSupportingDecider   = "no_supporter_among_deciders" // decision makers, none a supporter
	GapOpponentDecisionMaker = "opponent_decision_maker"     // Contacts are opponents and decision makers
)

// GapWarning is one problem of a buying centre.
type GapWarning struct {
	Code     string          `json:"code" enum:"no_function,no_level,no_decision_maker,no_supporter_among_deciders,opponent_decision_maker"`
	Level    ContactLevel    `json:"level,omitempty" enum:"decision,management,operational"`
	Function ContactFunction `json:"function,omitempty" enum:"user,technical,finance"`
	Contacts []string        `json:"contacts,omitempty" doc:"Names of the contacts concerned."`
}

// BuyingCentre is an opportunity's buying centre with its gaps.
type BuyingCentre struct {
	Members  []*OpportunityContact `json:"members"`
	Gaps     []BuyingCell          `json:"gaps" doc:"Empty cells of the level x function grid."`
	Warnings []GapWarning          `json:"warnings"`
}

// BuyingCentreService manages the contacts of opportunities. Members are
// read and changed under the opportunity's scope.
type BuyingCentreService interface {
	BuyingCentre(ctx context.Context, opportunityID string) (*BuyingCentre, error)
	AddOpportunityContact(ctx context.Context, opportunityID string, in OpportunityContactFields) (*OpportunityContact, error)
	UpdateOpportunityContact(ctx context.Context, opportunityID, contactID string, upd OpportunityContactUpdate) (*OpportunityContact, error)
	RemoveOpportunityContact(ctx context.Context, opportunityID, contactID string) error
}
