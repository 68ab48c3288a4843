package analytics

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// blockSize is the number of rows in one unit of parallel work. It is a
// constant, not a function of the core count, so that per-block partial sums
// are always reduced in the same order: a fit gives bit-identical results on
// a laptop and on a 64-core server.
const blockSize = 4096

// numBlocks returns how many blocks of blockSize cover n rows.
func numBlocks(n int) int { return (n + blockSize - 1) / blockSize }

// forEachBlock calls fn(block, lo, hi) for every block of [0, n), spreading
// the blocks over up to GOMAXPROCS goroutines. fn must only write to state
// owned by its block (a slot indexed by block, or rows lo..hi).
func forEachBlock(n int, fn func(block, lo, hi int)) {
	nb := numBlocks(n)
	workers := min(runtime.GOMAXPROCS(0), nb)
	if workers <= 1 {
		for b := range nb {
			fn(b, b*blockSize, min(n, (b+1)*blockSize))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				b := int(next.Add(1)) - 1
				if b >= nb {
					return
				}
				fn(b, b*blockSize, min(n, (b+1)*blockSize))
			}
		})
	}
	wg.Wait()
}
