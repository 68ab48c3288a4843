// Command load is a small HTTP load generator for Guanxi's benchmarks:
// C concurrent clients send GET requests (cycling through the URLs read
// from a file, one per line) with a bearer token for a fixed duration,
// then it prints throughput, latency percentiles and errors as JSON.
//
//	go run ./bench/load -urls urls.txt -token gx_... -c 32 -d 20s
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type result struct {
	Requests   int64   `json:"requests"`
	Errors     int64   `json:"errors"`
	Seconds    float64 `json:"seconds"`
	PerSecond  float64 `json:"per_second"`
	P50Millis  float64 `json:"p50_ms"`
	P95Millis  float64 `json:"p95_ms"`
	P99Millis  float64 `json:"p99_ms"`
	MaxMillis  float64 `json:"max_ms"`
	Clients    int     `json:"clients"`
	FirstError string  `json:"first_error,omitempty"`
}

func main() {
	urlsFile := flag.String("urls", "", "file with one URL per line")
	token := flag.String("token", "", "bearer token")
	clients := flag.Int("c", 32, "concurrent clients")
	dur := flag.Duration("d", 20*time.Second, "duration")
	warm := flag.Duration("warmup", 2*time.Second, "warm-up time not measured")
	flag.Parse()
	urls, err := readLines(*urlsFile)
	if err != nil || len(urls) == 0 {
		fmt.Fprintln(os.Stderr, "load: need -urls with at least one URL:", err)
		os.Exit(2)
	}
	tr := &http.Transport{MaxIdleConns: *clients * 2, MaxIdleConnsPerHost: *clients * 2, MaxConnsPerHost: *clients * 2}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	run := func(d time.Duration, record bool) result {
		var next, errs atomic.Int64
		var firstErr atomic.Value
		lat := make([][]time.Duration, *clients)
		deadline := time.Now().Add(d)
		var wg sync.WaitGroup
		start := time.Now()
		for c := 0; c < *clients; c++ {
			wg.Add(1)
			go func(c int) {
				defer wg.Done()
				for time.Now().Before(deadline) {
					u := urls[int(next.Add(1))%len(urls)]
					req, _ := http.NewRequest("GET", u, nil)
					req.Header.Set("Authorization", "Bearer "+*token)
					t0 := time.Now()
					res, err := client.Do(req)
					if err == nil {
						io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if res.StatusCode != 200 {
							err = fmt.Errorf("%s: status %d", u, res.StatusCode)
						}
					}
					if err != nil {
						errs.Add(1)
						firstErr.CompareAndSwap(nil, err.Error())
					}
					if record {
						lat[c] = append(lat[c], time.Since(t0))
					}
				}
			}(c)
		}
		wg.Wait()
		elapsed := time.Since(start).Seconds()
		var all []time.Duration
		for _, l := range lat {
			all = append(all, l...)
		}
		slices.Sort(all)
		pct := func(p float64) float64 {
			if len(all) == 0 {
				return 0
			}
			return float64(all[min(len(all)-1, int(p*float64(len(all))))].Microseconds()) / 1000
		}
		r := result{Requests: int64(len(all)), Errors: errs.Load(), Seconds: elapsed, Clients: *clients,
			PerSecond: float64(len(all)) / elapsed, P50Millis: pct(0.50), P95Millis: pct(0.95), P99Millis: pct(0.99)}
		if len(all) > 0 {
			r.MaxMillis = float64(all[len(all)-1].Microseconds()) / 1000
		}
		if v := firstErr.Load(); v != nil {
			r.FirstError = v.(string)
		}
		return r
	}
	run(*warm, false)
	r := run(*dur, true)
	json.NewEncoder(os.Stdout).Encode(r)
	if r.Errors > 0 {
		os.Exit(1)
	}
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		if t := s.Text(); t != "" {
			out = append(out, t)
		}
	}
	return out, s.Err()
}
