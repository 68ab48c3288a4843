package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// demoProduct is a catalogue entry; bundle names the category bought
// with it most often, so cross-sell finds real pairs.
type demoProduct struct {
	code, name, category, unit string
	price, cost                int64 // yuan
	bundle                     string
}

// catalogue is an industrial supplier's range: equipment with thin
// margins, parts and consumables that follow it, and services and
// software with fat ones.
var catalogue = []demoProduct{
	{"EQ-PUMP-100", "离心泵 CP-100", "设备", "台", 18000, 14200, "配件"},
	{"EQ-PUMP-200", "多级离心泵 CP-200", "设备", "台", 42000, 34500, "配件"},
	{"EQ-COMP-30", "螺杆空压机 SA-30", "设备", "台", 65000, 52000, "服务"},
	{"EQ-COMP-75", "变频空压机 SA-75", "设备", "台", 128000, 101000, "服务"},
	{"EQ-VALVE-DN50", "电动球阀 DN50", "设备", "台", 3200, 2100, "配件"},
	{"EQ-METER-X1", "电磁流量计 X1", "设备", "台", 8600, 5900, "软件"},
	{"PT-SEAL-K", "机械密封组件 K 型", "配件", "套", 680, 310, "耗材"},
	{"PT-BEAR-62", "轴承 6205", "配件", "个", 45, 21, "耗材"},
	{"PT-FILT-A", "空气滤芯 A 型", "配件", "个", 220, 95, "耗材"},
	{"PT-MOTOR-7", "电机 7.5kW", "配件", "台", 5400, 4100, "服务"},
	{"CS-OIL-46", "液压油 46# (200L)", "耗材", "桶", 2600, 1900, "配件"},
	{"CS-LUBE-G", "润滑脂 (15kg)", "耗材", "桶", 780, 430, "配件"},
	{"SV-INSTALL", "安装调试服务", "服务", "次", 6000, 2600, "配件"},
	{"SV-MAINT-Y", "年度维保合同", "服务", "年", 24000, 9800, "软件"},
	{"SV-TRAIN", "操作培训 (1 天)", "服务", "天", 4500, 1500, "软件"},
	{"SW-IOT-Y", "设备物联网平台 (年费)", "软件", "年", 36000, 7200, "服务"},
	{"SW-ENERGY", "能耗分析模块", "软件", "套", 15000, 2500, "服务"},
}

// Archetypes of buyers, so that RFM, lifecycle and churn charts show the
// segments a real book of customers has. share is the fraction of
// accounts; rate the orders per year while active; the active window is
// [from, to] as fractions of the time since the account was created.
type archetype struct {
	name     string
	share    float64
	rate     float64
	from, to float64
	spend    float64 // multiplier of order size
}

var archetypes = []archetype{
	{"prospect", 0.15, 0, 0, 0, 0},
	{"champion", 0.08, 10, 0, 1, 2.5},
	{"loyal", 0.20, 5, 0, 1, 1.2},
	{"new", 0.10, 6, 0.85, 1, 1},
	{"declining", 0.17, 6, 0, 0.55, 1.1},
	{"lost", 0.15, 2, 0, 0.3, 0.8},
	{"occasional", 0.15, 1.2, 0, 1, 0.7},
}

func (g *generator) products(ctx context.Context, db *store.DB, ws string) error {
	g.catalogue = make([]*crm.Product, len(catalogue))
	g.byCategory = map[string][]int{}
	for i, p := range catalogue {
		cost, active := p.cost*100, true
		g.catalogue[i] = &crm.Product{ID: store.NewID(), ProductFields: crm.ProductFields{Code: p.code, Name: p.name,
			Category: p.category, Unit: p.unit, ListPrice: p.price * 100, UnitCost: &cost, Active: &active},
			Meta: crm.Meta{Version: 1, CreatedAt: g.now, UpdatedAt: g.now}}
		g.byCategory[p.category] = append(g.byCategory[p.category], i)
	}
	return db.WithTx(ctx, func(tx *store.Tx) error { return tx.InsertProducts(ctx, ws, g.catalogue) })
}

// orders generates the order history of account a into b, following one
// archetype: a Poisson stream of orders inside its active window, each
// of one to three lines where the second line often comes from the first
// product's bundle category.
func (g *generator) orders(b *batch, a *crm.Account) {
	arch := g.archetype()
	if arch.rate == 0 {
		return
	}
	span := g.now.Sub(a.CreatedAt)
	from := a.CreatedAt.Add(time.Duration(arch.from * float64(span)))
	to := a.CreatedAt.Add(time.Duration(arch.to * float64(span)))
	years := to.Sub(from).Hours() / (24 * 365)
	size := map[string]float64{"micro": 0.3, "small": 0.6, "medium": 1, "large": 1.8, "enterprise": 3}[a.Size]
	if size == 0 {
		size = 0.25 // individuals
	}
	// Every customer has a taste for spending of its own (Gamma-Gamma's
	// premise): a log-normal factor around the archetype's.
	taste := arch.spend * size * math.Exp(g.rng.NormFloat64()*0.4)
	n := g.poisson(arch.rate * years)
	if n == 0 {
		n = 1 // everyone but prospects bought at least once
	}
	for k := 0; k < n; k++ {
		at := from.Add(time.Duration(g.rng.Float64() * float64(to.Sub(from))))
		g.orderSeq++
		o := &crm.Order{ID: store.NewID(), AccountID: a.ID, Number: fmt.Sprintf("SO-%08d", g.orderSeq),
			Status: crm.OrderCompleted, OrderDate: crm.Date(at.Format(time.DateOnly)), OwnerID: a.OwnerID, TeamID: a.TeamID,
			Meta: crm.Meta{Version: 1, CreatedAt: at.UTC().Truncate(time.Microsecond), CreatedBy: a.OwnerID,
				UpdatedAt: at.UTC().Truncate(time.Microsecond), UpdatedBy: a.OwnerID}}
		switch {
		case g.now.Sub(at) < 30*24*time.Hour:
			o.Status = crm.OrderConfirmed
		case g.chance(0.03):
			o.Status = crm.OrderCancelled
		}
		first := g.rng.IntN(len(g.catalogue))
		o.Lines = append(o.Lines, g.line(first, taste))
		if g.chance(0.55) {
			bundle := g.byCategory[catalogue[first].bundle]
			o.Lines = append(o.Lines, g.line(bundle[g.rng.IntN(len(bundle))], taste))
		}
		if g.chance(0.2) {
			o.Lines = append(o.Lines, g.line(g.rng.IntN(len(g.catalogue)), taste))
		}
		o.Lines = dedupeLines(o.Lines)
		revenue, cost, err := crm.PriceLines(o.Lines)
		if err != nil {
			continue // cannot happen with catalogue prices; never store a bad order
		}
		gp := revenue - cost
		o.Revenue, o.Cost, o.GrossProfit = revenue, &cost, &gp
		b.orders = append(b.orders, o)
		b.history = append(b.history, store.HistoryEntry{Entity: crm.EntityOrder, RecordID: o.ID, ActorID: a.OwnerID,
			At: o.CreatedAt, Change: crm.FieldChange{Field: crm.FieldCreated, New: o.Number}})
	}
}

func (g *generator) archetype() archetype {
	x := g.rng.Float64()
	for _, a := range archetypes {
		if x < a.share {
			return a
		}
		x -= a.share
	}
	return archetypes[len(archetypes)-1]
}

// line is a line of product i: cheap items come by the dozen, equipment
// one or two at a time; big customers get discounts.
func (g *generator) line(i int, taste float64) crm.OrderLine {
	p := g.catalogue[i]
	qty := int64(1)
	if p.ListPrice < 1000_00 {
		qty = int64(1 + g.rng.IntN(int(math.Max(1, 20*taste))))
	} else if g.chance(math.Min(0.6, 0.2*taste)) {
		qty = int64(2 + g.rng.IntN(3))
	}
	l := crm.OrderLine{ProductID: p.ID, ProductCode: p.Code, ProductName: p.Name, Quantity: qty, UnitPrice: p.ListPrice, UnitCost: p.UnitCost}
	if taste > 1.5 && g.chance(0.5) {
		l.Discount = qty * p.ListPrice * int64(3+g.rng.IntN(8)) / 100
	}
	return l
}

// dedupeLines keeps the first line of each product.
func dedupeLines(lines []crm.OrderLine) []crm.OrderLine {
	seen := map[string]bool{}
	out := lines[:0]
	for _, l := range lines {
		if !seen[l.ProductID] {
			seen[l.ProductID] = true
			out = append(out, l)
		}
	}
	return out
}

// poisson draws from a Poisson distribution with mean lambda (Knuth for
// small means, a rounded normal for large ones).
func (g *generator) poisson(lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	if lambda > 30 {
		return max(0, int(math.Round(lambda+math.Sqrt(lambda)*g.rng.NormFloat64())))
	}
	limit, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= g.rng.Float64()
		if p <= limit {
			return k
		}
		k++
	}
}
