package analyze

import (
	"bytes"
	"io"
	"math"
	"strings"
	"testing"
)

type fakeReport struct {
	Source
	Rows []fakeRow `json:"rows"`
}

type fakeRow struct {
	Score *float64 `json:"score"`
}

func (fakeReport) WriteText(io.Writer, int) error { return nil }

func TestWriteJSONRefusesNonFiniteNumbers(t *testing.T) {
	good, bad := 0.5, math.NaN()
	var out bytes.Buffer
	if err := WriteJSON(&out, fakeReport{Rows: []fakeRow{{&good}, {nil}}}); err != nil || !strings.Contains(out.String(), `"score": 0.5`) {
		t.Errorf("finite report: %v %s", err, out.String())
	}
	out.Reset()
	err := WriteJSON(&out, fakeReport{Rows: []fakeRow{{&good}, {&bad}}})
	if err == nil || !strings.Contains(err.Error(), "rows[1].score is not a finite number") || out.Len() != 0 {
		t.Errorf("NaN report: %v, printed %q", err, out.String())
	}
}

func TestTableAlignsChinese(t *testing.T) {
	tb := newTable("customer_id", "amount").ids(0)
	tb.add("张三", "1.50")
	tb.add("0509", "12.00")
	var out bytes.Buffer
	if err := tb.write(&out); err != nil {
		t.Fatal(err)
	}
	// 张三 is four terminal columns wide; ids stay left, numbers go right.
	want := "customer_id  amount\n" +
		"张三           1.50\n" +
		"0509          12.00\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestMoney(t *testing.T) {
	for in, want := range map[int64]string{0: "0.00", 5: "0.05", -1999: "-19.99", 123456: "1234.56", math.MinInt64: "-92233720368547758.08"} {
		if got := money(in); got != want {
			t.Errorf("money(%d) = %s, want %s", in, got, want)
		}
	}
}
