package crm

import "testing"

func TestValueRowTotalsAreExact(t *testing.T) {
	for _, tt := range []struct {
		s                      ValueScores
		value, cost, delivered float64
	}{
		{ValueScores{8, 9, 7.5, 6, 7, 3, 2.5, 2}, 30.5, 14.5, 16},
		{ValueScores{Product: 0.1, Service: 0.2, Money: 0.4}, 0.3, 0.4, -0.1},
		{ValueScores{10, 10, 10, 10, 0, 0, 0, 0}, 40, 0, 40},
		{ValueScores{}, 0, 0, 0},
	} {
		r := ValueRow{Scores: tt.s}
		r.Totals()
		if r.TotalValue != tt.value || r.TotalCost != tt.cost || r.DeliveredValue != tt.delivered {
			t.Errorf("%+v: %v - %v = %v, want %v - %v = %v", tt.s, r.TotalValue, r.TotalCost, r.DeliveredValue, tt.value, tt.cost, tt.delivered)
		}
		if back := ScoresFromTenths(tt.s.Tenths()); back != tt.s {
			t.Errorf("tenths round trip %+v -> %+v", tt.s, back)
		}
	}
}

func TestWorksheetInputValidate(t *testing.T) {
	k := "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
	for name, tt := range map[string]struct {
		rows  []ValueRowInput
		field string
	}{
		"above ten":      {[]ValueRowInput{{ValueScores: ValueScores{Product: 10.1}}}, "rows[0].product"},
		"negative":       {[]ValueRowInput{{ValueScores: ValueScores{Psychic: -1}}}, "rows[0].psychic"},
		"two decimals":   {[]ValueRowInput{{}, {CompetitorID: k, ValueScores: ValueScores{Time: 2.25}}}, "rows[1].time"},
		"us twice":       {[]ValueRowInput{{}, {CompetitorID: PartyUs}}, "rows[1].competitor_id"},
		"competitor bad": {[]ValueRowInput{{CompetitorID: "not-an-id"}}, "rows[0].competitor_id"},
		"fine":           {[]ValueRowInput{{ValueScores: ValueScores{Product: 7.5, Money: 10}}, {CompetitorID: k}}, ""},
	} {
		in := WorksheetInput{Rows: tt.rows}
		err := in.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		found := false
		for _, f := range ErrorFields(err) {
			found = found || f.Field == tt.field
		}
		if !found {
			t.Errorf("%s: %v does not name %s", name, err, tt.field)
		}
	}
}
