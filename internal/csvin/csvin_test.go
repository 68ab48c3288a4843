package csvin

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var testColumns = []Column{
	{Name: "customer_id", Aliases: []string{"客户"}, Required: true},
	{Name: "amount", Required: true},
	{Name: "product_id"},
}

// readAll returns the rows of src as "line:customer_id:amount:product_id"
// strings, and the error of Open or Err.
func readAll(t *testing.T, src string, opt Options) (*Reader, []string, error) {
	t.Helper()
	if opt.Columns == nil {
		opt.Columns = testColumns
	}
	r, err := Open(strings.NewReader(src), opt)
	if err != nil {
		return nil, nil, err
	}
	var rows []string
	for row := range r.Rows() {
		rows = append(rows, fmt.Sprintf("%d:%s:%s:%s", row.Line, row.Get("customer_id"), row.Get("amount"), row.Get("product_id")))
	}
	return r, rows, r.Err()
}

func rowErrors(t *testing.T, err error) *Errors {
	t.Helper()
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("want *Errors, got %v", err)
	}
	return errs
}

func TestHeaderMapping(t *testing.T) {
	// Names match ignoring case and spaces, aliases count, column order is
	// free, optional columns may be missing and unknown ones are listed.
	r, rows, err := readAll(t, " AMOUNT ,客户,note\n12.50,张三,vip\n3,李四,\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2:张三:12.50:", "3:李四:3:"}; !slices.Equal(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	if r.Has("product_id") || !r.Has("amount") {
		t.Errorf("Has: product_id %v, amount %v", r.Has("product_id"), r.Has("amount"))
	}
	if !slices.Equal(r.Unused(), []string{"note"}) {
		t.Errorf("unused %q", r.Unused())
	}
	if r.Encoding() != UTF8 {
		t.Errorf("encoding %s", r.Encoding())
	}
}

func TestHeaderProblems(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"missing required column", "customer_id,price\n1,2\n", "line 1, amount: the header has no such column"},
		{"column named twice", "customer_id,客户,amount\n1,2,3\n", "line 1, customer_id: the header names this column twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, tt.src, Options{})
			errs := rowErrors(t, err)
			if errs.Total != 1 || !strings.HasPrefix(errs.List[0].String(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := Open(strings.NewReader(""), Options{Columns: testColumns}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty file: %v", err)
	}
}

func TestEncodings(t *testing.T) {
	const text = "customer_id,amount\n张三,12.50\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	if gbk == text {
		t.Fatal("the GBK encoding should differ from UTF-8")
	}
	tests := []struct {
		name string
		src  string
		want Encoding
	}{
		{"UTF-8", text, UTF8},
		{"UTF-8 with BOM", "\xEF\xBB\xBF" + text, UTF8BOM},
		{"GBK as Excel writes it", gbk, GB18030},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, rows, err := readAll(t, tt.src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			// The BOM must not stick to the first header name.
			if r.Encoding() != tt.want || !slices.Equal(rows, []string{"2:张三:12.50:"}) {
				t.Errorf("encoding %s rows %q", r.Encoding(), rows)
			}
		})
	}
}

func TestUndecodableInput(t *testing.T) {
	tests := []struct{ name, src, want string }{
		// 0xE9 followed by ',' is neither UTF-8 nor a GBK pair (Latin-1 "é,").
		{"Latin-1", "customer_id,amount\ncaf\xE9,1\n", "neither UTF-8 (invalid bytes on line 2) nor GB18030"},
		{"UTF-16", "\xFF\xFEc\x00", "UTF-16"},
		{"BOM then invalid bytes", "\xEF\xBB\xBFcustomer_id,amount\n\xFF,1\n", "not valid UTF-8 (line 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Open(strings.NewReader(tt.src), Options{Columns: testColumns})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestSizeLimit(t *testing.T) {
	src := "customer_id,amount\n1,2\n"
	if _, err := Open(strings.NewReader(src), Options{Columns: testColumns, MaxBytes: int64(len(src))}); err != nil {
		t.Errorf("a file of exactly the limit: %v", err)
	}
	_, err := Open(strings.NewReader(src), Options{Columns: testColumns, MaxBytes: int64(len(src) - 1)})
	if err == nil || !strings.Contains(err.Error(), "larger than the limit") {
		t.Errorf("a file over the limit: %v", err)
	}
}

func TestBadRows(t *testing.T) {
	tests := []struct {
		name string
		src  string
		rows []string
		want string
	}{
		{"truncated last line", "customer_id,amount,product_id\n1,2,p\n3,4", []string{"2:1:2:p"},
			"line 3: 2 fields, the header has 3: the last line is cut short (truncated file?)"},
		{"short row in the middle", "customer_id,amount,product_id\n1,2\n3,4,p\n", []string{"3:3:4:p"},
			"line 2: 2 fields, the header has 3"},
		{"file ends inside quotes", "customer_id,amount\n1,2\n\"张三,4\n", []string{"2:1:2:"},
			"line 3: the file ends inside a quoted field that starts here"},
		{"stray quote", "customer_id,amount\n1,2\"x\n5,6\n", []string{"3:5:6:"}, "line 2: bare \" in non-quoted-field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rows, err := readAll(t, tt.src, Options{})
			errs := rowErrors(t, err)
			if errs.Total != 1 || !strings.HasPrefix(errs.List[0].String(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
			if !slices.Equal(rows, tt.rows) {
				t.Errorf("good rows %q, want %q", rows, tt.rows)
			}
		})
	}
}

func TestMultiLineRecordKeepsItsStartLine(t *testing.T) {
	_, rows, err := readAll(t, "customer_id,amount\n\"a\nb\",1\nc,2\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2:a\nb:1:", "4:c:2:"}; !slices.Equal(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
}

func TestErrorCap(t *testing.T) {
	var src strings.Builder
	src.WriteString("customer_id,amount\n")
	for range 250 {
		src.WriteString("only-one-field\n")
	}
	_, _, err := readAll(t, src.String(), Options{MaxErrors: 100})
	errs := rowErrors(t, err)
	if errs.Total != 250 || len(errs.List) != 100 || errs.List[99].Line != 101 {
		t.Fatalf("total %d, kept %d, last kept line %d", errs.Total, len(errs.List), errs.List[len(errs.List)-1].Line)
	}
	if !strings.HasSuffix(err.Error(), "... and 150 more") || !strings.HasPrefix(err.Error(), "250 problems:") {
		t.Errorf("message: %s", err.Error()[:40])
	}
}

func TestCallerErrorsJoinTheList(t *testing.T) {
	r, err := Open(strings.NewReader("customer_id,amount\n1,x\n2,3\n"), Options{Columns: testColumns})
	if err != nil {
		t.Fatal(err)
	}
	for row := range r.Rows() {
		if _, err := Decimal(row.Get("amount"), 2); err != nil {
			r.Fail(row.Line, "amount", err.Error())
		}
	}
	if got := r.Err(); got == nil || got.Error() != "1 problem:\n  line 2, amount: is not a number (write it like 1234.50, without currency signs)" {
		t.Errorf("got %v", got)
	}
}
