package crm

import "context"

// LinkKind is how two accounts relate upstream or downstream (上下游).
// A link reads "the related account is the account's <kind>".
type LinkKind string

// Link kinds. The inverse view (seen from the related account) is shown by
// the UI: supplier <-> customer, distributor <-> principal, parent <->
// subsidiary, referred_by <-> referred; partner is symmetric.
const (
	LinkSupplier    LinkKind = "supplier"
	LinkDistributor LinkKind = "distributor"
	LinkPartner     LinkKind = "partner"
	LinkParent      LinkKind = "parent"
	LinkReferredBy  LinkKind = "referred_by"
)

// LinkKinds lists every link kind.
var LinkKinds = []string{string(LinkSupplier), string(LinkDistributor), string(LinkPartner), string(LinkParent), string(LinkReferredBy)}

// AccountLink relates two accounts of a workspace.
type AccountLink struct {
	ID                 string   `json:"id" readOnly:"true"`
	AccountID          string   `json:"account_id"`
	RelatedAccountID   string   `json:"related_account_id"`
	Kind               LinkKind `json:"kind" enum:"supplier,distributor,partner,parent,referred_by"`
	Note               string   `json:"note,omitempty" maxLength:"2000"`
	AccountName        string   `json:"account_name,omitempty" readOnly:"true"`
	RelatedAccountName string   `json:"related_account_name,omitempty" readOnly:"true"`
	CreatedAt          string   `json:"created_at" readOnly:"true"`
	CreatedBy          string   `json:"created_by" readOnly:"true"`
}

// LinkInput creates a link.
type LinkInput struct {
	RelatedAccountID string   `json:"related_account_id"`
	Kind             LinkKind `json:"kind" enum:"supplier,distributor,partner,parent,referred_by"`
	Note             string   `json:"note,omitempty" maxLength:"2000"`
}

// Validate checks a link's fields.
func (l *LinkInput) Validate(accountID string) error {
	var p Problems
	if l.RelatedAccountID == "" {
		p.Required("related_account_id")
	}
	p.ID("related_account_id", l.RelatedAccountID)
	if l.RelatedAccountID == accountID {
		p.Add("related_account_id", "invalid", "cannot link an account to itself")
	}
	if l.Kind == "" {
		p.Required("kind")
	}
	p.Enum("kind", string(l.Kind), LinkKinds)
	p.Text("note", l.Note, MaxLong, true)
	return p.Err()
}

// LinkService manages links between accounts. Reading links needs read
// access to the account; each returned link is to an account the caller can
// read. Creating or deleting needs write access to the account and read
// access to the related one.
type LinkService interface {
	ListLinks(ctx context.Context, accountID string) ([]*AccountLink, error)
	CreateLink(ctx context.Context, accountID string, in LinkInput) (*AccountLink, error)
	DeleteLink(ctx context.Context, accountID, linkID string) error
}
