package crm

import (
	"context"
	"strings"
	"time"
)

// Referral records that an account, or one of its contacts, brought in
// another account or one of its contacts (转介绍, word of mouth). It
// supersedes account links of kind referred_by for people: those links
// stay where they are and read as referrals between the two accounts.
type Referral struct {
	ID     string `json:"id" readOnly:"true"`
	Source string `json:"recorded_as" enum:"referral,link" readOnly:"true" doc:"referral = recorded here; link = an account link of kind referred_by (remove it from the links). Not named source: that is an account field."`
	// Direction is seen from the account asked about: referred_by = the
	// other side referred it; referred = it referred the other side.
	Direction           string    `json:"direction,omitempty" enum:"referred_by,referred" readOnly:"true"`
	ReferrerAccountID   string    `json:"referrer_account_id,omitempty"`
	ReferrerAccountName string    `json:"referrer_account_name,omitempty"`
	ReferrerContactID   string    `json:"referrer_contact_id,omitempty"`
	ReferrerContactName string    `json:"referrer_contact_name,omitempty"`
	ReferrerHidden      bool      `json:"referrer_hidden,omitempty" doc:"The referrer is outside your scope; its ids and names are withheld."`
	ReferredAccountID   string    `json:"referred_account_id,omitempty"`
	ReferredAccountName string    `json:"referred_account_name,omitempty"`
	ReferredContactID   string    `json:"referred_contact_id,omitempty"`
	ReferredContactName string    `json:"referred_contact_name,omitempty"`
	ReferredHidden      bool      `json:"referred_hidden,omitempty" doc:"The referred party is outside your scope; its ids and names are withheld."`
	ReferredOn          Date      `json:"referred_on" format:"date"`
	Note                string    `json:"note,omitempty"`
	CreatedAt           time.Time `json:"created_at" readOnly:"true"`
	CreatedBy           string    `json:"created_by,omitempty" readOnly:"true"`
}

// ReferralInput records a referral.
type ReferralInput struct {
	ReferrerAccountID string `json:"referrer_account_id" maxLength:"36"`
	ReferrerContactID string `json:"referrer_contact_id,omitempty" maxLength:"36" doc:"A contact of the referrer account."`
	ReferredAccountID string `json:"referred_account_id" maxLength:"36"`
	ReferredContactID string `json:"referred_contact_id,omitempty" maxLength:"36" doc:"A contact of the referred account."`
	ReferredOn        Date   `json:"referred_on,omitempty" format:"date" doc:"Defaults to today."`
	Note              string `json:"note,omitempty" maxLength:"2000"`
}

// Normalize trims the text fields.
func (in *ReferralInput) Normalize() {
	in.ReferrerAccountID = strings.TrimSpace(in.ReferrerAccountID)
	in.ReferrerContactID = strings.TrimSpace(in.ReferrerContactID)
	in.ReferredAccountID = strings.TrimSpace(in.ReferredAccountID)
	in.ReferredContactID = strings.TrimSpace(in.ReferredContactID)
	in.Note = strings.TrimSpace(in.Note)
}

// Validate checks a referral's own fields; the service checks that the
// accounts exist and that each contact belongs to its account.
func (in *ReferralInput) Validate() error {
	var p Problems
	if in.ReferrerAccountID == "" {
		p.Required("referrer_account_id")
	}
	if in.ReferredAccountID == "" {
		p.Required("referred_account_id")
	}
	p.ID("referrer_account_id", in.ReferrerAccountID)
	p.ID("referred_account_id", in.ReferredAccountID)
	p.ID("referrer_contact_id", in.ReferrerContactID)
	p.ID("referred_contact_id", in.ReferredContactID)
	if in.ReferrerAccountID != "" && in.ReferrerAccountID == in.ReferredAccountID {
		p.Add("referred_account_id", "invalid", "an account cannot refer itself")
	}
	switch {
	case !in.ReferredOn.Valid():
		p.Add("referred_on", "invalid", "is not a date in the form YYYY-MM-DD")
	case in.ReferredOn != "" && (string(in.ReferredOn) < "1900-01-01" || string(in.ReferredOn) > time.Now().AddDate(0, 0, 1).Format(time.DateOnly)):
		p.Add("referred_on", "out_of_range", "must be between 1900-01-01 and today")
	}
	p.Text("note", in.Note, MaxLong, true)
	return p.Err()
}

// ReferredRevenue is what the customers an account referred have bought:
// directly, and over the whole tree below it. Only customers whose orders
// the caller may read are summed; the others are counted as hidden.
type ReferredRevenue struct {
	Direct             int64  `json:"direct" doc:"Revenue of the accounts it referred directly, minor units."`
	DirectAccounts     int    `json:"direct_accounts"`
	Downstream         int64  `json:"downstream" doc:"Revenue of every account below it in the referral tree, minor units."`
	DownstreamAccounts int    `json:"downstream_accounts"`
	HiddenAccounts     int    `json:"hidden_accounts" doc:"Referred accounts outside your scope, not summed."`
	DirectProfit       *int64 `json:"direct_gross_profit,omitempty" doc:"Hidden from roles that do not see costs."`
	DownstreamProfit   *int64 `json:"downstream_gross_profit,omitempty" doc:"Hidden from roles that do not see costs."`
	Truncated          bool   `json:"truncated,omitempty" doc:"The tree was larger than the walk's cap."`
	Currency           string `json:"currency"`
}

// AccountReferrals is the referral list of an account with its referred
// revenue.
type AccountReferrals struct {
	Items           []*Referral     `json:"items"`
	ReferredRevenue ReferredRevenue `json:"referred_revenue"`
}

// ReferralNode is an account or a contact of the referral graph. Nodes
// outside the caller's scope carry no id, name or figures.
type ReferralNode struct {
	Key         string `json:"key" doc:"Node key within this graph."`
	Kind        string `json:"kind" enum:"account,contact"`
	ID          string `json:"id,omitempty" doc:"Account or contact id; empty when hidden."`
	AccountKey  string `json:"account_key,omitempty" doc:"For a contact: the key of its account's node."`
	Name        string `json:"name,omitempty"`
	Hidden      bool   `json:"hidden,omitempty" doc:"Outside your scope."`
	Root        bool   `json:"root,omitempty"`
	Depth       int    `json:"depth" doc:"Hops from the root: negative upstream (referrers), positive downstream."`
	Revenue     *int64 `json:"revenue,omitempty" doc:"Accounts: what the customer bought, minor units."`
	GrossProfit *int64 `json:"gross_profit,omitempty" doc:"Hidden from roles that do not see costs."`
}

// ReferralEdge goes from the referrer's node to the referred node; kind
// member ties a contact to its account.
type ReferralEdge struct {
	From string `json:"from"`
	To   string `json:"to"`
	Kind string `json:"kind" enum:"referral,member"`
}

// ReferralGraph is the network around an account.
type ReferralGraph struct {
	Nodes           []*ReferralNode `json:"nodes"`
	Edges           []*ReferralEdge `json:"edges"`
	Hops            int             `json:"hops"`
	Truncated       bool            `json:"truncated" doc:"More nodes were within reach than the cap."`
	ReferredRevenue ReferredRevenue `json:"referred_revenue"`
}

// ReferralService records referrals and walks their network. Reading
// needs read access to the account asked about; parties outside the
// caller's scope are anonymised. Recording needs write access to the
// referred account and read access to the referrer.
type ReferralService interface {
	AccountReferrals(ctx context.Context, accountID string) (*AccountReferrals, error)
	ReferralGraph(ctx context.Context, accountID string, hops int) (*ReferralGraph, error)
	CreateReferral(ctx context.Context, in ReferralInput) (*Referral, error)
	DeleteReferral(ctx context.Context, id string) error
}

// FieldReferral is the history field of a referral recorded or removed.
const FieldReferral = "@referral"
