package analytics

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Quadrant is a cell of seed 000's strategy matrix: x = completeness of
// customer information, y = degree of personalised service.
type Quadrant uint8

// The four quadrants.
const (
	QuadrantProductMarketing      Quadrant = iota // low information, low personalisation: 产品营销
	QuadrantServiceSupport                        // low information, high personalisation: 服务支持
	QuadrantCustomerMarketing                     // high information, low personalisation: 客户营销
	QuadrantRelationshipMarketing                 // high information, high personalisation: 个性化关系营销
)

var quadrantNames = [...]string{"product_marketing", "service_support", "customer_marketing", "personalised_relationship_marketing"}

// String returns the quadrant's identifier.
func (q Quadrant) String() string {
	if int(q) < len(quadrantNames) {
		return quadrantNames[q]
	}
	return fmt.Sprintf("quadrant(%d)", uint8(q))
}

// ProfileField is one profile field and which customers have it filled.
type ProfileField struct {
	Name   string
	Weight float64 // importance in the completeness score (> 0)
	Filled []bool  // per customer
}

// StrategyInput holds per-customer columns. The three personalisation levers
// follow the domain: served by a segment-specific plan, reached by a
// campaign aimed at its segment, and looked after by a named owner.
type StrategyInput struct {
	Fields        []ProfileField
	InSegmentPlan []bool
	InCampaign    []bool
	HasOwner      []bool
	// Segment (optional, nil) is each customer's segment index into
	// SegmentNames; -1 leaves a customer out of the per-segment positions.
	Segment      []int
	SegmentNames []string
}

// StrategyOptions weighs the levers and places the quadrant boundaries.
// Zero values take the defaults given.
type StrategyOptions struct {
	PlanWeight, CampaignWeight, OwnerWeight float64 // 1 each
	// Threshold splits both axes into low and high (0.5).
	Threshold float64
}

// FieldFill is the share of customers with a field filled.
type FieldFill struct {
	Name   string
	Weight float64
	Share  float64
}

// StrategyPosition places a group of customers (the company, or a segment)
// on the strategy matrix, with the measures behind it and the way to the
// top right.
type StrategyPosition struct {
	Name            string
	Customers       int
	Information     float64 // mean information completeness, 0..1
	Personalisation float64 // mean degree of personalisation, 0..1
	Quadrant        Quadrant
	Fields          []FieldFill // fill rate per field, least filled (by weighted gap) first
	PlanShare       float64     // share served by a segment plan
	CampaignShare   float64     // share reached by a segment campaign
	OwnerShare      float64     // share with a named owner
	Path            string      // what to do next to reach the top right
}

// StrategyResult holds the per-customer scores and the positions.
type StrategyResult struct {
	Completeness    []float64 // per customer, 0..1
	Personalisation []float64 // per customer, 0..1
	Company         StrategyPosition
	Segments        []StrategyPosition
}

// StrategyMatrix measures both axes of the strategy matrix per customer and
// places the company and each segment in a quadrant:
//
//	completeness    = sum of weights of filled fields / sum of all weights
//	personalisation = weighted share of the levers (plan, campaign, owner) applied
//
// The suggested path follows seed 000: information comes first (a company
// cannot personalise for customers it does not know), so low information is
// addressed before low personalisation.
func StrategyMatrix(in StrategyInput, opt StrategyOptions) (*StrategyResult, error) {
	n := len(in.HasOwner)
	if len(in.InSegmentPlan) != n || len(in.InCampaign) != n || (in.Segment != nil && len(in.Segment) != n) {
		return nil, fmt.Errorf("analytics: strategy: lever columns differ in length")
	}
	if len(in.Fields) == 0 {
		return nil, fmt.Errorf("analytics: strategy: no profile fields")
	}
	var totalWeight float64
	for _, f := range in.Fields {
		if len(f.Filled) != n {
			return nil, fmt.Errorf("analytics: strategy: field %q has %d customers, want %d", f.Name, len(f.Filled), n)
		}
		if !finite(f.Weight) || f.Weight <= 0 {
			return nil, fmt.Errorf("analytics: strategy: field %q weight %v must be positive", f.Name, f.Weight)
		}
		totalWeight += f.Weight
	}
	wp, wc, wo := opt.PlanWeight, opt.CampaignWeight, opt.OwnerWeight
	if wp == 0 && wc == 0 && wo == 0 {
		wp, wc, wo = 1, 1, 1
	}
	if wp < 0 || wc < 0 || wo < 0 || !finite(wp+wc+wo) {
		return nil, fmt.Errorf("analytics: strategy: lever weights must be non-negative")
	}
	leverTotal := wp + wc + wo
	threshold := opt.Threshold
	if threshold == 0 {
		threshold = 0.5
	}
	k := len(in.SegmentNames)
	res := &StrategyResult{Completeness: make([]float64, n), Personalisation: make([]float64, n)}
	// Group 0 is the company, group s+1 segment s.
	type acc struct {
		customers             int
		info, pers            float64
		plan, campaign, owner int
		filled                []int
	}
	groups := make([]acc, k+1)
	for g := range groups {
		groups[g].filled = make([]int, len(in.Fields))
	}
	for i := range n {
		var info float64
		for _, f := range in.Fields {
			if f.Filled[i] {
				info += f.Weight
			}
		}
		info /= totalWeight
		var pers float64
		if in.InSegmentPlan[i] {
			pers += wp
		}
		if in.InCampaign[i] {
			pers += wc
		}
		if in.HasOwner[i] {
			pers += wo
		}
		pers /= leverTotal
		res.Completeness[i], res.Personalisation[i] = info, pers
		seg := -1
		if in.Segment != nil {
			seg = in.Segment[i]
			if seg < -1 || seg >= k {
				return nil, fmt.Errorf("analytics: strategy: customer %d has segment %d, want -1..%d", i, seg, k-1)
			}
		}
		add := func(a *acc) {
			a.customers++
			a.info += info
			a.pers += pers
			if in.InSegmentPlan[i] {
				a.plan++
			}
			if in.InCampaign[i] {
				a.campaign++
			}
			if in.HasOwner[i] {
				a.owner++
			}
			for fi, f := range in.Fields {
				if f.Filled[i] {
					a.filled[fi]++
				}
			}
		}
		add(&groups[0])
		if seg >= 0 {
			add(&groups[seg+1])
		}
	}
	position := func(name string, a acc) StrategyPosition {
		p := StrategyPosition{Name: name, Customers: a.customers}
		if a.customers > 0 {
			c := float64(a.customers)
			p.Information, p.Personalisation = a.info/c, a.pers/c
			p.PlanShare, p.CampaignShare, p.OwnerShare = float64(a.plan)/c, float64(a.campaign)/c, float64(a.owner)/c
		}
		for fi, f := range in.Fields {
			share := 0.0
			if a.customers > 0 {
				share = float64(a.filled[fi]) / float64(a.customers)
			}
			p.Fields = append(p.Fields, FieldFill{Name: f.Name, Weight: f.Weight, Share: share})
		}
		slices.SortStableFunc(p.Fields, func(x, y FieldFill) int {
			return -cmp.Compare(x.Weight*(1-x.Share), y.Weight*(1-y.Share))
		})
		p.Quadrant = quadrantOf(p.Information, p.Personalisation, threshold)
		p.Path = strategyPath(p, threshold, wp, wc, wo)
		return p
	}
	res.Company = position("company", groups[0])
	for s, name := range in.SegmentNames {
		res.Segments = append(res.Segments, position(name, groups[s+1]))
	}
	return res, nil
}

func quadrantOf(info, pers, threshold float64) Quadrant {
	switch {
	case info >= threshold && pers >= threshold:
		return QuadrantRelationshipMarketing
	case info >= threshold:
		return QuadrantCustomerMarketing
	case pers >= threshold:
		return QuadrantServiceSupport
	default:
		return QuadrantProductMarketing
	}
}

// strategyPath writes the next step towards the top right, naming the
// fields and levers that would move the position most.
func strategyPath(p StrategyPosition, threshold, wp, wc, wo float64) string {
	var steps []string
	if p.Information < threshold {
		var names []string
		for _, f := range p.Fields {
			if f.Share < 1 && len(names) < 3 {
				names = append(names, f.Name)
			}
		}
		steps = append(steps, fmt.Sprintf("raise information completeness from %.2f to %.2f: fill in %s",
			p.Information, threshold, strings.Join(names, ", ")))
	}
	if p.Personalisation < threshold {
		type lever struct {
			name string
			gap  float64
		}
		levers := []lever{
			{"segment-specific service plans", wp * (1 - p.PlanShare)},
			{"campaigns aimed at the segment", wc * (1 - p.CampaignShare)},
			{"a named owner for every customer", wo * (1 - p.OwnerShare)},
		}
		slices.SortStableFunc(levers, func(x, y lever) int { return -cmp.Compare(x.gap, y.gap) })
		steps = append(steps, fmt.Sprintf("raise personalisation from %.2f to %.2f: start with %s",
			p.Personalisation, threshold, levers[0].name))
	}
	switch p.Quadrant {
	case QuadrantRelationshipMarketing:
		return "top right (personalised relationship marketing): keep profiles current and measure the lift of personalised plans"
	case QuadrantServiceSupport:
		return "service support: people personalise without shared data; " + steps[0] + " (capture what owners know into the profile)"
	case QuadrantCustomerMarketing:
		return "customer marketing: the data is there but customers are treated alike; " + steps[0]
	default:
		return "product marketing: first " + steps[0] + ", then " + steps[1]
	}
}
