package analytics

// Order statistics and sorting for integer columns (times, counts, minor
// units of money). Quintile scores need only eight order statistics per
// column, so RFM uses selection (linear time) instead of a full sort; the
// Pareto analysis needs the full order and uses a radix sort, which beats
// comparison sorts by a wide margin at a million rows.

// selectRanks writes into out[j] the value of rank ranks[j] (0-based, in
// ascending order) of a, which it reorders, and into less[j] how many
// elements of a are strictly smaller than that value. ranks must be
// ascending and in [0, len(a)). It runs a quickselect that recurses only
// into the parts that hold a wanted rank, with a three-way partition so
// that heavily tied columns (most customers have one order) cost no more
// than distinct ones; the partition also yields the "less" counts for free.
func selectRanks(a []int64, ranks []int, out, less []int64) {
	selectRanksFrom(a, 0, ranks, out, less)
}

func selectRanksFrom(a []int64, offset int, ranks []int, out, less []int64) {
	for len(ranks) > 0 {
		if len(a) <= 16 {
			insertionSort(a)
			for j, r := range ranks {
				k := r - offset
				out[j] = a[k]
				for k > 0 && a[k-1] == out[j] {
					k--
				}
				less[j] = int64(offset + k)
			}
			return
		}
		pivot := medianOfThree(a[0], a[len(a)/2], a[len(a)-1])
		lt, gt := partition3(a, pivot)
		// a[:lt] < pivot, a[lt:gt] == pivot, a[gt:] > pivot.
		i := 0
		for i < len(ranks) && ranks[i]-offset < lt {
			i++
		}
		j := i
		for j < len(ranks) && ranks[j]-offset < gt {
			out[j] = pivot
			less[j] = int64(offset + lt)
			j++
		}
		// Recurse into the smaller side, loop on the other.
		if i > 0 {
			selectRanksFrom(a[:lt], offset, ranks[:i], out[:i], less[:i])
		}
		a, offset, ranks, out, less = a[gt:], offset+gt, ranks[j:], out[j:], less[j:]
	}
}

func medianOfThree(a, b, c int64) int64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	if a > b {
		b = a
	}
	return b
}

// partition3 rearranges a into < pivot, == pivot, > pivot and returns the
// bounds of the middle part (Dijkstra's Dutch national flag).
func partition3(a []int64, pivot int64) (lt, gt int) {
	lt, i, gt := 0, 0, len(a)
	for i < gt {
		switch v := a[i]; {
		case v < pivot:
			a[lt], a[i] = a[i], a[lt]
			lt++
			i++
		case v > pivot:
			gt--
			a[gt], a[i] = a[i], a[gt]
		default:
			i++
		}
	}
	return lt, gt
}

func insertionSort(a []int64) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i
		for j > 0 && a[j-1] > v {
			a[j] = a[j-1]
			j--
		}
		a[j] = v
	}
}

// orderDescending returns customer indices sorted by value, largest first,
// equal values in ascending index order. It is a stable LSD radix sort on
// max-value (so descending order is ascending keys) with 11-bit digits;
// digits above the range of the data are skipped, so typical money columns
// take three passes.
func orderDescending(values []int64) []int32 {
	order, _ := orderDescendingValues(values)
	return order
}

// orderDescendingValues is orderDescending that also returns the values in
// that order, so callers can walk the ranking without random reads.
func orderDescendingValues(values []int64) ([]int32, []int64) {
	n := len(values)
	order := make([]int32, n)
	sorted := make([]int64, n)
	if n == 0 {
		return order, sorted
	}
	maxV, minV := values[0], values[0]
	for _, v := range values {
		maxV = max(maxV, v)
		minV = min(minV, v)
	}
	// uint64 arithmetic is exact modulo 2^64, and the range fits in it.
	keys := make([]uint64, n)
	for i, v := range values {
		keys[i] = uint64(maxV) - uint64(v)
		order[i] = int32(i)
	}
	spread := uint64(maxV) - uint64(minV)
	if spread == 0 {
		copy(sorted, values)
		return order, sorted
	}
	const bits = 11
	const buckets = 1 << bits
	tmpKeys := make([]uint64, n)
	tmpOrder := make([]int32, n)
	var count [buckets]int
	for shift := uint(0); shift < 64 && spread>>shift != 0; shift += bits {
		clear(count[:])
		for _, k := range keys {
			count[(k>>shift)&(buckets-1)]++
		}
		sum := 0
		for b := range count {
			c := count[b]
			count[b] = sum
			sum += c
		}
		for i, k := range keys {
			b := (k >> shift) & (buckets - 1)
			tmpKeys[count[b]] = k
			tmpOrder[count[b]] = order[i]
			count[b]++
		}
		keys, tmpKeys = tmpKeys, keys
		order, tmpOrder = tmpOrder, order
	}
	for i, k := range keys {
		sorted[i] = int64(uint64(maxV) - k)
	}
	return order, sorted
}
