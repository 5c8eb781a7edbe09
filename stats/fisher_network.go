package stats

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// fisherEnum enumerates the tables of FisherExact as a network (Mehta &
// Patel 1983). Stage j holds the partial tables whose first j columns are
// filled; a node of it is the sorted row totals still to fill, which is all
// its completions depend on. A path is a partial table; its value is
// -Σ log x_ij! over its cells, so that a complete table's log probability
// is konst + value.
type fisherEnum struct {
	lf     []float64
	cols   []int   // column totals, in the order columns are filled
	konst  float64 // log(Π r_i! Π c_j! / n!)
	thresh float64 // a complete table counts when its value <= thresh
	steps  int
	ext    []map[string]extremes     // per stage, by node key
	comp   []map[string][]fisherPath // per stage, by node key: completions sorted by value
}

// A fisherNode is the set of partial tables, after some columns, whose
// remaining row totals are rest (sorted): they share every completion.
type fisherNode struct {
	rest  []int
	paths map[int64]fisherPath // by rounded value: equal values merge
}

// A fisherPath stands for weight partial tables (or completions) of the
// same value.
type fisherPath struct {
	value, weight float64
}

// extremes are the largest and smallest completion values of a node.
type extremes struct{ most, least float64 }

// pathKey rounds a path value so that values equal up to floating-point
// rounding (and no further: 1e-10 in the log is a relative 1e-10 in
// probability) merge into one path.
func pathKey(v float64) int64 { return int64(math.Round(v * 1e10)) }

func nodeKey(rest []int) string {
	var b strings.Builder
	for _, r := range rest {
		b.WriteString(strconv.Itoa(r))
		b.WriteByte(',')
	}
	return b.String()
}

// step counts one unit of work and says whether the limit is passed.
func (e *fisherEnum) step(k int) error {
	if e.steps += k; e.steps > FisherMaxSteps {
		return ErrTooLarge
	}
	return nil
}

// run fills the first half of the columns path by path, settling what the
// bounds decide, and meets the open paths at the middle stage with the
// completions of their node.
func (e *fisherEnum) run(rows []int) (float64, error) {
	root := &fisherNode{rest: slices.Sorted(slices.Values(rows)), paths: map[int64]fisherPath{0: {0, 1}}}
	stage := map[string]*fisherNode{nodeKey(root.rest): root}
	mid := len(e.cols) / 2
	p := 0.0
	for j := 0; ; j++ {
		next := map[string]*fisherNode{}
		for _, key := range slices.Sorted(maps.Keys(stage)) { // a fixed order: the same sum every run
			node := stage[key]
			open, settled, err := e.settle(j, node)
			if err != nil {
				return 0, err
			}
			p += settled
			if len(open) == 0 {
				continue
			}
			if j < mid {
				err = e.extend(j, node, open, next)
			} else {
				var q float64
				q, err = e.meet(j, node, key, open)
				p += q
			}
			if err != nil {
				return 0, err
			}
		}
		if j == mid {
			return p, nil
		}
		stage = next
	}
}

// settle returns the probability of the paths of node (at stage j) whose
// every completion counts, and the paths that the node's extremes leave
// open; paths none of whose completions count are dropped.
func (e *fisherEnum) settle(j int, node *fisherNode) (open []fisherPath, p float64, err error) {
	b, err := e.extremes(j, node.rest, nodeKey(node.rest))
	if err != nil {
		return nil, 0, err
	}
	total := e.total(j, node.rest)
	for _, k := range slices.Sorted(maps.Keys(node.paths)) {
		path := node.paths[k]
		switch {
		case path.value+b.most <= e.thresh:
			p += path.weight * math.Exp(e.konst+path.value+total)
		case path.value+b.least > e.thresh:
		default:
			open = append(open, path)
		}
	}
	return open, p, nil
}

// total is the log of Σ Π 1/x! over every completion of a node at stage j
// with remaining row totals rest. It is closed-form: summed over the tables
// with given margins, Π_j c_j!/Π_i x_ij! is the multinomial n!/Π_i r_i!, so
// Σ Π 1/x_ij! = n!/(Π r_i! Π c_j!).
func (e *fisherEnum) total(j int, rest []int) float64 {
	n := 0
	for _, r := range rest {
		n += r
	}
	return e.lf[n] - sumLF(e.lf, rest) - sumLF(e.lf, e.cols[j:])
}

// extend adds every column j to the open paths of node, into next.
func (e *fisherEnum) extend(j int, node *fisherNode, open []fisherPath, next map[string]*fisherNode) error {
	return e.children(j, node.rest, func(rest []int, v float64) error {
		if err := e.step(len(open)); err != nil {
			return err
		}
		key := nodeKey(rest)
		child := next[key]
		if child == nil {
			child = &fisherNode{rest: rest, paths: map[int64]fisherPath{}}
			next[key] = child
		}
		for _, p := range open {
			addPath(child.paths, p.value+v, p.weight)
		}
		return nil
	})
}

func addPath(paths map[int64]fisherPath, value, weight float64) {
	k := pathKey(value)
	if q, ok := paths[k]; ok {
		q.weight += weight
		paths[k] = q
	} else {
		paths[k] = fisherPath{value, weight}
	}
}

// meet sums, over the open paths of node and the node's completions, the
// probability of the pairs that count. With the completions sorted by
// value b, those that count for a path of value a are the first ones, up to
// b <= thresh - a: a binary search and a prefix sum.
func (e *fisherEnum) meet(j int, node *fisherNode, key string, open []fisherPath) (float64, error) {
	comp, err := e.completions(j, node.rest, key)
	if err != nil {
		return 0, err
	}
	if err := e.step(len(open) + len(comp)); err != nil {
		return 0, err
	}
	top := comp[len(comp)-1].value // scale by the largest, against underflow
	prefix := make([]float64, len(comp)+1)
	for i, c := range comp {
		prefix[i+1] = prefix[i] + c.weight*math.Exp(c.value-top)
	}
	p := 0.0
	for _, a := range open {
		k := sort.Search(len(comp), func(i int) bool { return comp[i].value > e.thresh-a.value })
		p += a.weight * math.Exp(e.konst+a.value+top) * prefix[k]
	}
	return p, nil
}

// completions lists the completion values of a node at stage j, merged
// and sorted by value, remembered per node.
func (e *fisherEnum) completions(j int, rest []int, key string) ([]fisherPath, error) {
	switch {
	case j == len(e.cols):
		return []fisherPath{{0, 1}}, nil
	case j == len(e.cols)-1: // the last column is what is left
		return []fisherPath{{-sumLF(e.lf, rest), 1}}, nil
	}
	if c, ok := e.comp[j][key]; ok {
		return c, nil
	}
	var lists [][]fisherPath
	var shifts []float64
	err := e.children(j, rest, func(child []int, v float64) error {
		cc, err := e.completions(j+1, child, nodeKey(child))
		if err != nil {
			return err
		}
		if err := e.step(len(cc)); err != nil {
			return err
		}
		lists = append(lists, cc)
		shifts = append(shifts, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []fisherPath
	if len(lists) > mergeMaxLists {
		out = mergeByMap(lists, shifts)
	} else {
		out = mergePaths(lists, shifts)
	}
	if e.comp[j] == nil {
		e.comp[j] = map[string][]fisherPath{}
	}
	e.comp[j][key] = out
	return out, nil
}

// mergeMaxLists is the most completion lists a node's completions are
// merged from by mergePaths; from more, mergeByMap, whose cost per path
// does not grow with the number of lists, is the cheaper. Measured on the
// cross-tabs of a synthetic 10k study (categories by role and by city, up
// to 200 respondents): Fisher's test took 3.5 CPU-s with the map alone,
// 1.3 to 1.6 s with either limit of 8 or 32; on random tables of up to 7 by
// 7, all merged took half as long again as all mapped, and the limit
// of 16 about as long.
const mergeMaxLists = 16

// mergeByMap merges completion lists, list i's values shifted by
// shifts[i], into one list sorted by value in which paths of equal value
// (pathKey) are one: added to a map by pathKey, list after list, the
// merged path keeping the first one's value, and the keys sorted.
func mergeByMap(lists [][]fisherPath, shifts []float64) []fisherPath {
	merged := map[int64]fisherPath{}
	for i, l := range lists {
		for _, c := range l {
			addPath(merged, c.value+shifts[i], c.weight)
		}
	}
	out := make([]fisherPath, 0, len(merged))
	for _, k := range slices.Sorted(maps.Keys(merged)) {
		out = append(out, merged[k])
	}
	return out
}

// mergePaths merges completion lists as mergeByMap does, to the last bit,
// by merging their heads: each list is sorted by value and stays so when
// shifted (adding a constant keeps the order, and pathKey is monotone).
// Paths of equal value come out in mergeByMap's order, list by list and in
// list order within one, so their weights are summed in the same order
// and the merged path keeps the first one's value.
func mergePaths(lists [][]fisherPath, shifts []float64) []fisherPath {
	var out []fisherPath
	pos := make([]int, len(lists))
	keys := make([]int64, len(lists)) // the key of each list's head
	// heads is a binary min-heap of list indexes, by (head key, index).
	heads := make([]int, 0, len(lists))
	less := func(a, b int) bool {
		return keys[a] < keys[b] || keys[a] == keys[b] && a < b
	}
	down := func(i int) {
		for {
			c := 2*i + 1
			if c >= len(heads) {
				return
			}
			if c+1 < len(heads) && less(heads[c+1], heads[c]) {
				c++
			}
			if !less(heads[c], heads[i]) {
				return
			}
			heads[i], heads[c] = heads[c], heads[i]
			i = c
		}
	}
	for i, l := range lists {
		if len(l) > 0 {
			keys[i] = pathKey(l[0].value + shifts[i])
			heads = append(heads, i)
		}
	}
	for i := len(heads)/2 - 1; i >= 0; i-- {
		down(i)
	}
	last := int64(0)
	for len(heads) > 0 {
		i := heads[0]
		k, p := keys[i], lists[i][pos[i]]
		if len(out) > 0 && k == last {
			out[len(out)-1].weight += p.weight
		} else {
			out = append(out, fisherPath{p.value + shifts[i], p.weight})
			last = k
		}
		if pos[i]++; pos[i] < len(lists[i]) {
			if keys[i] = pathKey(lists[i][pos[i]].value + shifts[i]); keys[i] == k {
				continue // still the least: the others are at k or after, and later lists
			}
		} else {
			heads[0] = heads[len(heads)-1]
			heads = heads[:len(heads)-1]
		}
		down(0)
	}
	return out
}

// extremes returns the largest and smallest completion values of a node at
// stage j: the longest and shortest paths through the rest of the network,
// remembered per node.
func (e *fisherEnum) extremes(j int, rest []int, key string) (extremes, error) {
	switch {
	case j == len(e.cols):
		return extremes{}, nil
	case j == len(e.cols)-1:
		v := -sumLF(e.lf, rest)
		return extremes{v, v}, nil
	}
	if b, ok := e.ext[j][key]; ok {
		return b, nil
	}
	b := extremes{math.Inf(-1), math.Inf(1)}
	err := e.children(j, rest, func(child []int, v float64) error {
		if err := e.step(1); err != nil {
			return err
		}
		cb, err := e.extremes(j+1, child, nodeKey(child))
		if err != nil {
			return err
		}
		b.most = max(b.most, v+cb.most)
		b.least = min(b.least, v+cb.least)
		return nil
	})
	if err != nil {
		return extremes{}, err
	}
	if e.ext[j] == nil {
		e.ext[j] = map[string]extremes{}
	}
	e.ext[j][key] = b
	return b, nil
}

// children calls f, in a fixed order, for every way to fill column j from
// the remaining row totals rest, with the child's sorted remaining row
// totals and the column's value -Σ log x!; it stops at f's first error.
func (e *fisherEnum) children(j int, rest []int, f func(child []int, v float64) error) error {
	col := make([]int, len(rest))
	var fill func(i, left int) error
	fill = func(i, left int) error {
		if i == len(col)-1 {
			if left > rest[i] {
				return nil
			}
			col[i] = left
			child := make([]int, len(col))
			v := 0.0
			for k, c := range col {
				child[k] = rest[k] - c
				v -= e.lf[c]
			}
			slices.Sort(child)
			return f(child, v)
		}
		after := 0
		for _, r := range rest[i+1:] {
			after += r
		}
		for x := max(0, left-after); x <= min(left, rest[i]); x++ {
			col[i] = x
			if err := fill(i+1, left-x); err != nil {
				return err
			}
		}
		return nil
	}
	return fill(0, e.cols[j])
}
