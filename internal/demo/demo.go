// Package demo generates a realistic demo workspace: teams and users for
// every role, Chinese and English companies with valid credit codes,
// contacts on every level and function with reporting lines, personal
// profiles, custom fields and links between accounts. The same seed gives
// the same data. Large sizes are for benchmarks.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/search"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Password is every demo user's password; the README prints it.
const Password = "guanxi-demo-2026"

// Slug is the demo workspace's slug.
const Slug = "demo"

// Options size the demo.
type Options struct {
	Accounts int
	Seed     uint64
	// Now anchors generated dates; zero means the current time.
	Now time.Time
	// Progress, if set, is called after each batch with accounts done.
	Progress func(done int)
	// Phase, if set, is called when a phase of the generation ends, with
	// its name and how long it took (for the timings of a large demo).
	Phase func(name string, took time.Duration)
	// NoOrders leaves out products and orders (the account and contact
	// benchmarks of docs/benchmarks.md were measured without them).
	NoOrders bool
	// NoOpportunities leaves out the opportunities of the pipeline.
	NoOpportunities bool
}

// User is a demo login, as printed for the person who ran the demo.
type User struct {
	Email string
	Name  string
	Role  crm.Role
	Team  string
}

// Users are the demo logins: one per role, two sales reps in East and one
// in South so that scopes can be tried out.
var Users = []User{
	{"admin@example.com", "管理员 Admin", crm.RoleAdmin, ""},
	{"manager.east@example.com", "王经理", crm.RoleManager, "华东销售部"},
	{"sales.east@example.com", "李娜", crm.RoleSales, "华东销售部"},
	{"sales.east2@example.com", "赵磊", crm.RoleSales, "华东销售部"},
	{"sales.south@example.com", "陈静", crm.RoleSales, "华南销售部"},
	{"finance@example.com", "周会计", crm.RoleFinance, ""},
	{"warehouse@example.com", "吴仓管", crm.RoleWarehouse, ""},
	{"service@example.com", "郑客服", crm.RoleService, ""},
	{"marketing@example.com", "孙市场", crm.RoleMarketing, ""},
	{"viewer@example.com", "访客 Viewer", crm.RoleViewer, ""},
}

// Result reports what was generated.
type Result struct {
	Workspace *crm.Workspace
	Accounts  int
	Contacts  int
	Links     int
	// Competitors counts the generated competitors.
	Competitors int
	Products    int
	Orders      int
	// Opportunities counts the generated opportunities.
	Opportunities int
}

// Generate creates the demo workspace in db. It returns ECONFLICT if a
// workspace with the demo slug exists.
func Generate(ctx context.Context, db *store.DB, svc *service.Service, o Options) (*Result, error) {
	if o.Now.IsZero() {
		o.Now = store.Now()
	}
	g := &generator{rng: rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15)), now: o.Now, noOrders: o.NoOrders,
		noOpportunities: o.NoOpportunities, seed: o.Seed}
	ws, err := svc.CreateWorkspace(ctx, "演示公司 Demo Co.", Slug)
	if err != nil {
		return nil, err
	}
	sys := crm.NewContext(ctx, crm.SystemActor(ws.ID, ""))
	if err := g.people(sys, svc); err != nil {
		return nil, err
	}
	if err := g.customFields(sys, svc); err != nil {
		return nil, err
	}
	res := &Result{Workspace: ws}
	if !o.NoOrders {
		if err := g.products(ctx, db, ws.ID); err != nil {
			return nil, err
		}
		res.Products = len(g.catalogue)
	}
	// The random choices are made in order on one goroutine, so the same
	// seed gives the same data; the derived columns (pinyin, search
	// tokens: most of the CPU work) are computed by one worker per core;
	// this goroutine writes the batches in order as they become ready. The
	// database has a single writer, so this is how the demo uses the
	// other cores.
	const batchSize = 2000
	workers := runtime.GOMAXPROCS(0)
	ordered := make(chan *batch, workers+1)
	work := make(chan *batch, workers+1)
	genCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(ordered)
		defer close(work)
		for start := 0; start < o.Accounts; start += batchSize {
			b := g.batch(start, min(batchSize, o.Accounts-start))
			select {
			case work <- b:
			case <-genCtx.Done():
				return
			}
			select {
			case ordered <- b:
			case <-genCtx.Done():
				return
			}
		}
	}()
	for range workers {
		go func() {
			for b := range work {
				b.derive()
			}
		}()
	}
	load := func() error {
		for b := range ordered {
			<-b.ready
			if err := g.write(ctx, db, ws.ID, b, res); err != nil {
				return err
			}
			if o.Progress != nil {
				o.Progress(res.Accounts)
			}
		}
		return nil
	}
	phase := newPhaser(o.Phase)
	if o.Accounts >= bulkThreshold {
		err = db.WithoutIndexes(ctx, func() error {
			err := load()
			phase("accounts and contacts")
			return err
		})
		phase("indexes rebuilt")
	} else {
		err = load()
		phase("accounts and contacts")
	}
	if err != nil {
		return nil, err
	}
	if res.Links, err = g.links(ctx, db, ws.ID); err != nil {
		return nil, err
	}
	phase("links")
	if res.Competitors, err = g.competition(ctx, db, ws.ID); err != nil {
		return nil, err
	}
	phase("competitors")
	if err := g.activities(ctx, db, svc, ws.ID); err != nil {
		return nil, err
	}
	phase("activities and hotness")
	if err := g.referralsAndTargets(ctx, db, ws.ID); err != nil {
		return nil, err
	}
	phase("referrals and targets")
	if !o.NoOrders {
		// One pass over all orders beats refreshing account by account.
		if err := db.WithTx(ctx, func(tx *store.Tx) error { return tx.RebuildCustomerStats(ctx, ws.ID) }); err != nil {
			return nil, fmt.Errorf("demo customer stats: %w", err)
		}
		phase("customer stats")
	}
	return res, nil
}

// newPhaser returns a function that reports to report (if set) the name
// of each phase that ends and the time since the previous one ended.
func newPhaser(report func(string, time.Duration)) func(string) {
	last := time.Now()
	return func(name string) {
		if report != nil {
			report(name, time.Since(last))
		}
		last = time.Now()
	}
}

type generator struct {
	rng      *rand.Rand
	now      time.Time
	users    map[string]*crm.User // by e-mail
	owners   []*crm.User          // who owns accounts, weighted by repetition
	accounts []string             // ids, for links

	catalogue  []*crm.Product
	byCategory map[string][]int // catalogue indexes by category
	orderSeq   int
	noOrders   bool

	noOpportunities bool
	seed            uint64
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }
func (g *generator) chance(p float64) bool     { return g.rng.Float64() < p }

func (g *generator) people(ctx context.Context, svc *service.Service) error {
	hq, err := svc.CreateTeam(ctx, crm.TeamInput{Name: "销售中心"})
	if err != nil {
		return err
	}
	teams := map[string]string{}
	for _, name := range []string{"华东销售部", "华南销售部", "华北销售部"} {
		t, err := svc.CreateTeam(ctx, crm.TeamInput{Name: name, ParentID: hq.ID})
		if err != nil {
			return err
		}
		teams[name] = t.ID
	}
	g.users = map[string]*crm.User{}
	for _, u := range Users {
		created, err := svc.CreateUser(ctx, crm.UserCreate{Email: u.Email, Name: u.Name, Password: Password, Role: u.Role, TeamID: teams[u.Team]})
		if err != nil {
			return fmt.Errorf("demo user %s: %w", u.Email, err)
		}
		g.users[u.Email] = created
	}
	// Sales reps own most accounts; the manager owns a few.
	for _, e := range []string{"sales.east@example.com", "sales.east@example.com", "sales.east2@example.com",
		"sales.east2@example.com", "sales.south@example.com", "sales.south@example.com", "manager.east@example.com"} {
		g.owners = append(g.owners, g.users[e])
	}
	return nil
}

func (g *generator) customFields(ctx context.Context, svc *service.Service) error {
	defs := []crm.FieldDefinitionInput{
		{Entity: crm.EntityAccount, Key: "annual_revenue", Label: "年营业额（万元）", Type: crm.FieldNumber},
		{Entity: crm.EntityAccount, Key: "erp_system", Label: "ERP 系统", Type: crm.FieldSelect, Options: []string{"SAP", "用友", "金蝶", "Oracle", "无"}},
		{Entity: crm.EntityContact, Key: "best_time", Label: "方便联系时间", Type: crm.FieldSelect, Options: []string{"上午", "下午", "晚上"}},
	}
	for _, d := range defs {
		if _, err := svc.CreateFieldDefinition(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// creditCode builds a valid, unique unified social credit code for the
// i-th account: enterprise prefix 91, the region's division code, a
// nine-character organisation code from i, and the check character.
func creditCode(division string, i int) string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	org := make([]byte, 9)
	n := i
	for k := 8; k >= 0; k-- {
		org[k] = alphabet[n%31]
		n /= 31
	}
	body := "91" + division + string(org)
	c, _ := crm.CreditCodeCheck(body)
	return body + string(c)
}

// bulkThreshold is the demo size from which indexes are dropped during the
// load and rebuilt after it (see store.DB.WithoutIndexes).
const bulkThreshold = 20000

// write stores one batch in one transaction.
func (g *generator) write(ctx context.Context, db *store.DB, ws string, b *batch, res *Result) error {
	err := db.WithBulkTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertAccounts(ctx, ws, b.accountRows); err != nil {
			return err
		}
		if err := tx.InsertContacts(ctx, ws, b.contactRows); err != nil {
			return err
		}
		if err := tx.InsertOrders(ctx, ws, b.orders); err != nil {
			return err
		}
		if err := tx.InsertOpportunitiesWithPaths(ctx, ws, b.opportunities, b.stagePaths); err != nil {
			return err
		}
		return tx.AppendHistories(ctx, ws, b.history)
	})
	if err != nil {
		return fmt.Errorf("demo accounts %d-%d: %w", res.Accounts, res.Accounts+len(b.accounts), err)
	}
	res.Accounts += len(b.accounts)
	res.Contacts += len(b.contacts)
	res.Orders += len(b.orders)
	res.Opportunities += len(b.opportunities)
	return nil
}

// batch is a slice of generated records. derive turns them into rows
// ready to insert and then closes ready.
type batch struct {
	accounts      []*crm.Account
	contacts      []*crm.Contact
	accountRows   []store.AccountRow
	contactRows   []store.ContactRow
	orders        []*crm.Order
	opportunities []*crm.Opportunity
	stagePaths    [][]crm.StageChange // per opportunity, the moves that brought it to its stage
	history       []store.HistoryEntry
	ready         chan struct{}
}

// batch generates accounts start..start+n-1 with their contacts.
func (g *generator) batch(start, n int) *batch {
	b := &batch{ready: make(chan struct{})}
	for i := start; i < start+n; i++ {
		g.account(b, i)
	}
	return b
}

// derive computes the rows' derived columns; batches derive concurrently.
func (b *batch) derive() {
	b.accountRows = make([]store.AccountRow, len(b.accounts))
	for i, a := range b.accounts {
		b.accountRows[i] = store.NewAccountRow(a)
	}
	b.contactRows = make([]store.ContactRow, len(b.contacts))
	for i, c := range b.contacts {
		b.contactRows[i] = store.NewContactRow(c)
	}
	close(b.ready)
}

// account generates account i and its contacts into b.
func (g *generator) account(b *batch, i int) {
	prov := provinces[g.rng.IntN(len(provinces))]
	city := g.pick(prov.cities)
	owner := g.owners[g.rng.IntN(len(g.owners))]
	created := g.now.Add(-time.Duration(g.rng.Int64N(int64(3 * 365 * 24 * time.Hour)))).Truncate(time.Microsecond)
	updated := created.Add(time.Duration(g.rng.Int64N(int64(g.now.Sub(created)) + 1))).Truncate(time.Microsecond)
	// Hotness comes from activities (the activities phase computes it),
	// so accounts start cold. The draw that once gave them a random
	// hotness stays so that a seed keeps giving the same accounts; with
	// the random value the hotness refresh rewrote every account.
	g.rng.IntN(101)
	a := &crm.Account{ID: store.NewID(), TeamID: owner.TeamID}
	f := &a.AccountFields
	f.OwnerID = owner.ID
	f.Region = prov.name
	f.Source = g.pick(crm.Sources)
	f.Phone = fmt.Sprintf("%s-%08d", prov.area, 20000000+g.rng.IntN(79999999))
	f.Size = g.pick(crm.CompanySizes)
	english := g.chance(0.1)
	switch {
	case g.chance(0.12):
		f.Kind = crm.AccountIndividual
		f.Name = g.personName(english)
		f.Phone = g.mobile()
		f.Size = ""
		f.Industry = ""
	case english:
		f.Kind = crm.AccountOrganization
		f.Name = fmt.Sprintf("%s %s %s", g.pick(englishBrands), g.pick(englishTrades), g.pick(englishSuffixes))
		f.Industry = g.pick(crm.Industries)
	default:
		f.Kind = crm.AccountOrganization
		t := trades[g.rng.IntN(len(trades))]
		f.Industry = t.industry
		f.Name = city + g.pick(brands) + g.pick(t.words) + g.pick(suffixes)
	}
	domain := fmt.Sprintf("c%d.example.cn", i)
	if f.Kind == crm.AccountOrganization {
		f.CreditCode = creditCode(prov.division, i)
		f.Website = "https://www." + domain
		f.Email = "info@" + domain
		f.Address = fmt.Sprintf("%s%s%d号", cityAddress(prov.name, city), g.pick(streets), 1+g.rng.IntN(999))
		f.Description = fmt.Sprintf("成立于%d年，主营%s相关业务，员工%s。", 1995+g.rng.IntN(28), industryWord(f.Industry), headcount[f.Size])
		f.Custom = map[string]any{"annual_revenue": float64(100 * (1 + g.rng.IntN(5000)))}
		if g.chance(0.7) {
			f.Custom["erp_system"] = g.pick([]string{"SAP", "用友", "金蝶", "Oracle", "无"})
		}
	}
	for _, t := range tags {
		if g.chance(0.12) {
			f.Tags = append(f.Tags, t)
		}
	}
	f.CreditRating = g.pick(crm.CreditRatings)
	f.CreditLimit = &crm.Money{Amount: int64(10000*(1+g.rng.IntN(500))) * 100, Currency: "CNY"}
	a.Meta = crm.Meta{Version: 1, CreatedAt: created, CreatedBy: owner.ID, UpdatedAt: updated, UpdatedBy: owner.ID}
	g.followUp(a, i)
	b.accounts = append(b.accounts, a)
	b.history = append(b.history, store.HistoryEntry{Entity: crm.EntityAccount, RecordID: a.ID, ActorID: owner.ID,
		At: created, Change: crm.FieldChange{Field: crm.FieldCreated, New: a.Name}})
	if len(g.accounts) < 100000 {
		g.accounts = append(g.accounts, a.ID)
	}
	g.contacts(b, a, domain, english)
	if !g.noOrders {
		g.orders(b, a)
	}
	if !g.noOpportunities {
		g.opportunity(b, a, i)
	}
}

// cityAddress is the start of an address: "广东省深圳市", or "北京市" for a
// municipality.
func cityAddress(province, city string) string {
	if strings.HasSuffix(province, "市") {
		return province
	}
	return province + city + "市"
}

// headcount describes a size band in words.
var headcount = map[string]string{"micro": "不足20人", "small": "20至99人", "medium": "100至499人",
	"large": "500至1999人", "enterprise": "2000人以上"}

func industryWord(industry string) string {
	for _, t := range trades {
		if t.industry == industry {
			return t.words[0]
		}
	}
	return "综合"
}

func (g *generator) personName(english bool) string {
	if english {
		return g.pick(englishFirst) + " " + g.pick(englishLast)
	}
	return g.pick(surnames) + g.pick(givenNames)
}

func (g *generator) mobile() string {
	prefixes := []string{"138", "139", "186", "135", "158", "177", "189", "150"}
	return fmt.Sprintf("%s%08d", g.pick(prefixes), g.rng.IntN(100000000))
}

// contacts creates one to five people: a decision maker first, managers
// reporting to them, operational staff reporting to managers. Every level
// and function appears across the demo; some cells stay empty per account
// so the buying-centre grid shows gaps.
func (g *generator) contacts(b *batch, a *crm.Account, domain string, english bool) {
	n := 1 + g.rng.IntN(5) // mean 3
	if a.Kind == crm.AccountIndividual {
		n = 1
	}
	var decision, manager string
	for k := 0; k < n; k++ {
		level := crm.LevelOperational
		switch {
		case k == 0:
			level = crm.LevelDecision
		case k <= 2 && g.chance(0.6):
			level = crm.LevelManagement
		}
		function := crm.ContactFunctions[g.rng.IntN(3)]
		c := &crm.Contact{ID: store.NewID(), AccountName: a.Name, TeamID: a.TeamID}
		f := &c.ContactFields
		f.AccountID, f.OwnerID = a.ID, a.OwnerID
		f.Level, f.Function = level, crm.ContactFunction(function)
		f.Name = g.personName(english)
		if a.Kind == crm.AccountIndividual {
			f.Name = a.Name
		}
		f.Title = g.pick(titles[[2]string{string(level), function}])
		f.Department = g.pick(departments[function])
		f.Concerns = g.pick(concerns[function])
		f.Mobile = g.mobile()
		if g.chance(0.5) {
			f.Phone = a.Phone
		}
		full, _ := search.Pinyin(f.Name)
		f.Email = fmt.Sprintf("%s.%d@%s", strings.ReplaceAll(full, " ", ""), k, domain)
		if g.chance(0.6) {
			f.WeChat = fmt.Sprintf("wx_%s%d", full, g.rng.IntN(1000))
		}
		f.Consent = crm.Consent{Phone: g.chance(0.5), Mobile: g.chance(0.4), Email: g.chance(0.7), WeChat: g.chance(0.5)}
		switch level {
		case crm.LevelManagement:
			f.ReportsToID = decision
		case crm.LevelOperational:
			f.ReportsToID = manager
			if manager == "" {
				f.ReportsToID = decision
			}
		}
		if level != crm.LevelOperational && g.chance(0.35) {
			f.PersonalProfile = g.profile()
		}
		if g.chance(0.4) {
			f.Custom = map[string]any{"best_time": g.pick([]string{"上午", "下午", "晚上"})}
		}
		c.Meta = crm.Meta{Version: 1, CreatedAt: a.CreatedAt, CreatedBy: a.OwnerID, UpdatedAt: a.UpdatedAt, UpdatedBy: a.OwnerID}
		b.contacts = append(b.contacts, c)
		b.history = append(b.history, store.HistoryEntry{Entity: crm.EntityContact, RecordID: c.ID, ActorID: a.OwnerID,
			At: a.CreatedAt, Change: crm.FieldChange{Field: crm.FieldCreated, New: c.Name}})
		switch level {
		case crm.LevelDecision:
			decision = c.ID
		case crm.LevelManagement:
			manager = c.ID
		}
	}
}

func (g *generator) profile() *crm.PersonalProfile {
	birth := time.Date(1965+g.rng.IntN(35), time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28), 0, 0, 0, 0, time.UTC)
	return &crm.PersonalProfile{
		Family:          g.pick([]string{"已婚，一个女儿在读初中", "已婚，两个孩子", "单身", "已婚，儿子刚上大学"}),
		Hometown:        g.pick(provinces[g.rng.IntN(len(provinces))].cities),
		University:      g.pick(universities),
		Sports:          g.pick(sports),
		Restaurants:     g.pick(foods),
		Pets:            g.pick(pets),
		Books:           g.pick(books),
		LastVacation:    g.pick(vacations),
		NextVacation:    g.pick(vacations),
		Role:            g.pick([]string{"项目最终拍板人", "技术选型把关人", "预算审批人", "内部推动者"}),
		Colleagues:      g.pick([]string{"与采购经理关系密切", "和CTO是大学同学", "与财务总监意见常有分歧"}),
		Goals:           g.pick(goals),
		DevelopmentPlan: g.pick([]string{"攻读EMBA", "考取PMP证书", "希望调任集团总部"}),
		Birthday:        crm.Date(birth.Format(time.DateOnly)),
	}
}

// links relates about a tenth of the accounts upstream and downstream.
func (g *generator) links(ctx context.Context, db *store.DB, ws string) (int, error) {
	n := len(g.accounts) / 10
	if n == 0 || len(g.accounts) < 2 {
		return 0, nil
	}
	kinds := []crm.LinkKind{crm.LinkSupplier, crm.LinkDistributor, crm.LinkPartner, crm.LinkParent, crm.LinkReferredBy}
	made := 0
	err := db.WithTx(ctx, func(tx *store.Tx) error {
		seen := map[[2]string]bool{}
		for k := 0; k < n; k++ {
			from, to := g.accounts[g.rng.IntN(len(g.accounts))], g.accounts[g.rng.IntN(len(g.accounts))]
			if from == to || seen[[2]string{from, to}] {
				continue
			}
			seen[[2]string{from, to}] = true
			l := &crm.AccountLink{ID: store.NewID(), AccountID: from, RelatedAccountID: to, Kind: kinds[g.rng.IntN(len(kinds))]}
			if err := tx.InsertLink(ctx, ws, l); err != nil {
				return err
			}
			made++
		}
		return nil
	})
	return made, err
}
