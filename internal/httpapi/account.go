package httpapi

import (
	"context"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

type accountOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Account
}

type idInput struct {
	ID string `path:"id" maxLength:"36"`
}

type listAccountsInput struct {
	Q            string    `query:"q" maxLength:"100" doc:"Search names (also in pinyin and initials), phones, e-mails and credit codes."`
	Kind         string    `query:"kind"`
	Industry     string    `query:"industry"`
	Size         string    `query:"size"`
	Region       string    `query:"region" maxLength:"100"`
	Source       string    `query:"source"`
	CreditRating string    `query:"credit_rating"`
	OwnerID      string    `query:"owner_id" maxLength:"36"`
	TeamID       string    `query:"team_id" maxLength:"36"`
	Tag          []string  `query:"tag,explode" maxItems:"10" doc:"Accounts carrying every given tag."`
	HotnessMin   int       `query:"hotness_min" minimum:"0" maximum:"100"`
	Segment      string    `query:"segment" enum:"champions,loyal,potential_loyalist,new,promising,need_attention,about_to_sleep,at_risk,cant_lose_them,hibernating,lost,unclassified" doc:"RFM segment of the last scoring run."`
	ValueTier    string    `query:"value_tier" enum:"important,fairly_important,minor,unimportant,to_drop" doc:"Value tier (Pareto/ABC on profit after service cost)."`
	Stage        string    `query:"stage" enum:"acquisition,growth,maturity,decline,exit" doc:"Lifecycle stage."`
	RScore       int       `query:"r_score" minimum:"0" maximum:"5" doc:"RFM recency score 1-5."`
	FScore       int       `query:"f_score" minimum:"0" maximum:"5" doc:"RFM frequency score 1-5."`
	CreatedFrom  time.Time `query:"created_from"`
	CreatedTo    time.Time `query:"created_to"`
	UpdatedFrom  time.Time `query:"updated_from"`
	UpdatedTo    time.Time `query:"updated_to"`
	Custom       []string  `query:"custom,explode" maxItems:"10" doc:"Custom field equality as key:value."`
	Deleted      string    `query:"deleted" enum:"only,include" doc:"only = the recycle bin."`
	Sort         string    `query:"sort" doc:"Field to sort by, - prefix for descending."`
	Limit        int       `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor       string    `query:"cursor" maxLength:"2048" doc:"next_cursor of the previous page."`
	WithTotal    bool      `query:"with_total" doc:"Also count the matches (up to 10,000; may be slower than the page)."`
}

type accountPageOutput struct {
	Body *crm.Page[*crm.Account]
}

func (h *handlers) listAccounts(ctx context.Context, in *listAccountsInput) (*accountPageOutput, error) {
	custom, err := parseCustom(in.Custom)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	f := crm.AccountFilter{Q: in.Q, Kind: in.Kind, Industry: in.Industry, Size: in.Size, Region: in.Region,
		Source: in.Source, CreditRating: in.CreditRating, OwnerID: in.OwnerID, TeamID: in.TeamID, Tags: in.Tag,
		Segment: in.Segment, ValueTier: in.ValueTier, Stage: in.Stage, RScore: in.RScore, FScore: in.FScore,
		CreatedFrom: timeOrNil(in.CreatedFrom), CreatedTo: timeOrNil(in.CreatedTo),
		UpdatedFrom: timeOrNil(in.UpdatedFrom), UpdatedTo: timeOrNil(in.UpdatedTo), Custom: custom,
		Deleted: crm.Deleted(in.Deleted), Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor, WithTotal: in.WithTotal}
	if in.HotnessMin > 0 {
		f.HotnessMin = &in.HotnessMin
	}
	page, err := h.svc.ListAccounts(ctx, f)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountPageOutput{Body: page}, nil
}

// parseCustom turns ["budget:100", "tier:gold"] into a map.
func parseCustom(pairs []string) (map[string]string, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(pairs))
	for _, p := range pairs {
		k, v, ok := strings.Cut(p, ":")
		if !ok || k == "" {
			var probs crm.Problems
			probs.Add("custom", "invalid", "must be key:value")
			return nil, probs.Err()
		}
		out[k] = v
	}
	return out, nil
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

type createAccountInput struct {
	Body crm.AccountFields
}

func (h *handlers) createAccount(ctx context.Context, in *createAccountInput) (*accountOutput, error) {
	a, err := h.svc.CreateAccount(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountOutput{ETag: etag(a.Version), Body: a}, nil
}

func (h *handlers) getAccount(ctx context.Context, in *idInput) (*accountOutput, error) {
	a, err := h.svc.GetAccount(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountOutput{ETag: etag(a.Version), Body: a}, nil
}

type updateAccountInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.AccountUpdate
}

func (h *handlers) updateAccount(ctx context.Context, in *updateAccountInput) (*accountOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	a, err := h.svc.UpdateAccount(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountOutput{ETag: etag(a.Version), Body: a}, nil
}

type deleteInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; optional for deletes."`
}

func (h *handlers) deleteAccount(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteAccount(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

func (h *handlers) restoreAccount(ctx context.Context, in *idInput) (*accountOutput, error) {
	a, err := h.svc.RestoreAccount(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountOutput{ETag: etag(a.Version), Body: a}, nil
}

type historyInput struct {
	ID     string `path:"id" maxLength:"36"`
	Cursor string `query:"cursor" maxLength:"200"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type historyOutput struct {
	Body *crm.Page[*crm.Change]
}

func (h *handlers) accountHistory(ctx context.Context, in *historyInput) (*historyOutput, error) {
	p, err := h.svc.History(ctx, crm.EntityAccount, in.ID, in.Cursor, in.Limit)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &historyOutput{Body: p}, nil
}

type linksOutput struct {
	Body []*crm.AccountLink
}

func (h *handlers) listLinks(ctx context.Context, in *idInput) (*linksOutput, error) {
	l, err := h.svc.ListLinks(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &linksOutput{Body: l}, nil
}

type createLinkInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body crm.LinkInput
}

type linkOutput struct {
	Body *crm.AccountLink
}

func (h *handlers) createLink(ctx context.Context, in *createLinkInput) (*linkOutput, error) {
	l, err := h.svc.CreateLink(ctx, in.ID, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &linkOutput{Body: l}, nil
}

type deleteLinkInput struct {
	ID     string `path:"id" maxLength:"36"`
	LinkID string `path:"link_id" maxLength:"36"`
}

func (h *handlers) deleteLink(ctx context.Context, in *deleteLinkInput) (*struct{}, error) {
	if err := h.svc.DeleteLink(ctx, in.ID, in.LinkID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}
