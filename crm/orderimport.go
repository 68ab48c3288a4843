package crm

// Limits of an order import: a file of at most this many bytes and data
// lines. They keep one import inside one transaction of a few seconds.
const (
	OrderImportMaxBytes = 32 << 20
	OrderImportMaxLines = 200_000
)

// OrderImportOptions configure ImportOrders.
type OrderImportOptions struct {
	// DryRun validates the file and reports what would happen, writing
	// nothing.
	DryRun bool
	// MaxBytes and MaxLines lower the limits (0: OrderImportMaxBytes and
	// OrderImportMaxLines).
	MaxBytes int64
	MaxLines int
}

// OrderImportSummary is what an import did (or, in a dry run, would do).
type OrderImportSummary struct {
	DryRun    bool `json:"dry_run"`
	Created   int  `json:"created" doc:"Orders created (dry run: that would be created)."`
	Updated   int  `json:"updated" doc:"Existing orders replaced by the file's version."`
	Unchanged int  `json:"unchanged" doc:"Existing orders already exactly as in the file; left alone."`
	Lines     int  `json:"lines" doc:"Order lines in the file (one per data row)."`
	Accounts  int  `json:"accounts" doc:"Distinct accounts the file's orders are for."`
	// MatchedBy counts the distinct account references of the file by how
	// they were matched.
	MatchedBy AccountMatches `json:"matched_by"`
	Encoding  string         `json:"encoding" doc:"Character encoding the file was read in: UTF-8, UTF-8 with BOM or GB18030."`
	// IgnoredColumns are header names that are not import columns.
	IgnoredColumns []string `json:"ignored_columns"`
}

// AccountMatches counts account references of an import by how they were
// matched: an account id, a unified social credit code or an exact name.
type AccountMatches struct {
	ID         int `json:"id"`
	CreditCode int `json:"credit_code"`
	Name       int `json:"name"`
}
