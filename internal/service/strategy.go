package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/internal/analytics"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// The strategy matrix of seed 000 places the company, and each segment, by
// how completely it knows its customers and how personally it serves them.
// Information is the weighted share of an account's profile that is filled:
// background, the buying centre's levels and functions, personal profiles
// of contacts, links to other accounts, and the competitors present at the
// account (竞争对手资料). Personalisation counts the levers the domain names: a named
// owner, a segment-specific plan and a segment campaign; plans and
// campaigns come with marketing, so until then only the owner lever can be
// on and no customer scores above one third.

// profileFields are the parts of a profile and their weights: who decides
// and whether we know them personally weigh most.
var profileFields = []struct {
	name   string
	weight float64
	filled func(*store.AccountProfile) bool
}{
	{"industry", 1, func(p *store.AccountProfile) bool { return p.Industry }},
	{"size", 1, func(p *store.AccountProfile) bool { return p.Size }},
	{"region", 1, func(p *store.AccountProfile) bool { return p.Region }},
	{"address", 0.5, func(p *store.AccountProfile) bool { return p.Address }},
	{"website", 0.5, func(p *store.AccountProfile) bool { return p.Website }},
	{"source", 0.5, func(p *store.AccountProfile) bool { return p.Source }},
	{"credit_code", 1, func(p *store.AccountProfile) bool { return p.Code }},
	{"tags", 0.5, func(p *store.AccountProfile) bool { return p.Tags }},
	{"contact_decision", 2, func(p *store.AccountProfile) bool { return p.Decision }},
	{"contact_management", 1, func(p *store.AccountProfile) bool { return p.Management }},
	{"contact_operational", 1, func(p *store.AccountProfile) bool { return p.Operational }},
	{"contact_user", 1, func(p *store.AccountProfile) bool { return p.User }},
	{"contact_technical", 1, func(p *store.AccountProfile) bool { return p.Technical }},
	{"contact_finance", 1, func(p *store.AccountProfile) bool { return p.Finance }},
	{"personal_profile", 2, func(p *store.AccountProfile) bool { return p.PersonalProfile }},
	{"links", 1, func(p *store.AccountProfile) bool { return p.Links }},
	{"competitors", 1, func(p *store.AccountProfile) bool { return p.Competitors }},
}

// StrategyReport is the strategy matrix of the workspace.
type StrategyReport struct {
	Threshold float64            `json:"threshold" doc:"Both axes split into low and high here."`
	Company   StrategyPosition   `json:"company"`
	Segments  []StrategyPosition `json:"segments" doc:"One per RFM segment; accounts without orders count for the company only."`
}

// StrategyPosition places a group of accounts on the matrix, with the fill
// rate of each profile part (least filled, by weighted gap, first).
type StrategyPosition struct {
	Name            string      `json:"name"`
	Customers       int         `json:"customers"`
	Information     float64     `json:"information"`
	Personalisation float64     `json:"personalisation"`
	Quadrant        string      `json:"quadrant" enum:"product_marketing,service_support,customer_marketing,personalised_relationship_marketing"`
	Fields          []FieldFill `json:"fields"`
	OwnerShare      float64     `json:"owner_share"`
	PlanShare       float64     `json:"plan_share"`
	CampaignShare   float64     `json:"campaign_share"`
}

// FieldFill is the share of accounts with a profile part filled.
type FieldFill struct {
	Name   string  `json:"name"`
	Weight float64 `json:"weight"`
	Share  float64 `json:"share"`
}

const strategyThreshold = 0.5

// strategyMatrix measures every live account of ws and places the company
// and each segment (segmentOf: account id -> RFM segment).
func (s *Service) strategyMatrix(ctx context.Context, ws string, segmentOf map[string]string) (*StrategyReport, error) {
	segIndex := map[string]int{}
	for i, name := range segmentOrder {
		segIndex[name] = i
	}
	in := analytics.StrategyInput{SegmentNames: segmentOrder, Fields: make([]analytics.ProfileField, len(profileFields))}
	for i, f := range profileFields {
		in.Fields[i] = analytics.ProfileField{Name: f.name, Weight: f.weight}
	}
	err := s.db.Read().EachAccountProfile(ctx, ws, func(p *store.AccountProfile) error {
		for i, f := range profileFields {
			in.Fields[i].Filled = append(in.Fields[i].Filled, f.filled(p))
		}
		in.HasOwner = append(in.HasOwner, p.Owner)
		seg, ok := segIndex[segmentOf[p.ID]]
		if !ok {
			seg = -1
		}
		in.Segment = append(in.Segment, seg)
		return nil
	})
	if err != nil {
		return nil, err
	}
	in.InSegmentPlan, in.InCampaign = make([]bool, len(in.HasOwner)), make([]bool, len(in.HasOwner))
	res, err := analytics.StrategyMatrix(in, analytics.StrategyOptions{Threshold: strategyThreshold})
	if err != nil {
		return nil, err
	}
	rep := &StrategyReport{Threshold: strategyThreshold, Company: strategyPosition(res.Company), Segments: []StrategyPosition{}}
	for _, p := range res.Segments {
		if p.Customers > 0 {
			rep.Segments = append(rep.Segments, strategyPosition(p))
		}
	}
	return rep, nil
}

func strategyPosition(p analytics.StrategyPosition) StrategyPosition {
	out := StrategyPosition{Name: p.Name, Customers: p.Customers, Information: p.Information, Personalisation: p.Personalisation,
		Quadrant: p.Quadrant.String(), OwnerShare: p.OwnerShare, PlanShare: p.PlanShare, CampaignShare: p.CampaignShare}
	for _, f := range p.Fields {
		out.Fields = append(out.Fields, FieldFill(f))
	}
	return out
}
