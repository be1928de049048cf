package store

import (
	"math/bits"
	"slices"
)

// idSet is a set of offer ids held as a sorted list or, when that is smaller, as a bitmap of the
// range of ids it spans: a lexeme found in half the open offers is 4 bytes an offer as a list,
// and about a bit per offer stored as a bitmap.
type idSet struct {
	ids  []uint32 // sorted; nil when the set is a bitmap
	base uint32   // the id of the bitmap's first bit
	bits []uint64
	n    int // how many ids
}

// newIDSet holds sorted (ids once each) in the smaller of the two forms.
func newIDSet(sorted []uint32) *idSet {
	n := len(sorted)
	if n == 0 {
		return &idSet{}
	}
	lo, hi := sorted[0], sorted[n-1]
	words := int(hi-lo)/64 + 1
	if 8*words >= 4*n {
		return &idSet{ids: sorted, n: n}
	}
	s := &idSet{base: lo, bits: make([]uint64, words), n: n}
	for _, id := range sorted {
		d := id - lo
		s.bits[d/64] |= 1 << (d % 64)
	}
	return s
}

// bytes is the room the set takes.
func (s *idSet) bytes() int { return 4*len(s.ids) + 8*len(s.bits) }

// has reports whether id is in the set.
func (s *idSet) has(id uint32) bool {
	if s.bits == nil {
		_, found := slices.BinarySearch(s.ids, id)
		return found
	}
	if id < s.base {
		return false
	}
	d := id - s.base
	return int(d/64) < len(s.bits) && s.bits[d/64]&(1<<(d%64)) != 0
}

// list returns the ids, sorted.
func (s *idSet) list() []uint32 {
	if s.bits == nil {
		return s.ids
	}
	out := make([]uint32, 0, s.n)
	for w, word := range s.bits {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			out = append(out, s.base+uint32(w*64+b))
			word &= word - 1
		}
	}
	return out
}

// intersectSets returns the ids in every set, sorted: those of the smallest set that the others hold.
func intersectSets(sets []*idSet) []uint32 {
	small := slices.MinFunc(sets, func(a, b *idSet) int { return a.n - b.n })
	out := make([]uint32, 0, small.n)
	for _, id := range small.list() {
		in := true
		for _, s := range sets {
			if s != small && !s.has(id) {
				in = false
				break
			}
		}
		if in {
			out = append(out, id)
		}
	}
	return out
}
