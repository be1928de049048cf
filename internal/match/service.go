package match

import (
	"context"

	"mobilite"
)

// How many entries each stage of a ranking looks at. The first stage scores on what the narrow
// tables hold (occupation, country, language of the text); the requirements or the languages
// and countries of the best ones are then read and they are scored with everything. A seeker
// of the pool costs a read of the seeker's row (about 25 µs on PostgreSQL, more when a region
// filter passes over most of them), so the pool of candidates is kept small: the offer's unit
// group and the newest registrations come first into it (store.MatchCandidates), and 2,000
// meet the 300 ms of issue 4 at a million seekers where 50,000 took seconds
// (docs/PERFORMANCE.md).
const (
	offerPool     = 5000
	offerRescore  = 300
	seekerPool    = 2000
	seekerRescore = 500
)

// Service ranks offers and seekers on a store.
type Service struct {
	Store mobilite.Store
}

// OfferMatch is an open offer ranked for a seeker.
type OfferMatch struct {
	Job     *mobilite.Job
	Score   int
	Reasons []Reason
}

// OffersFor returns the open offers ranked for a seeker, best first, at most limit: those of
// the minor groups of the seeker's occupations and those in the seeker's preferred countries.
// An offer needs at least one reason for it to be listed.
func (s *Service) OffersFor(ctx context.Context, sk *mobilite.Seeker, limit int) ([]OfferMatch, error) {
	p := ProfileOf(sk)
	offers, err := s.Store.MatchOffers(ctx, Prefixes(sk.Occupations), sk.PreferredCountries, offerPool)
	if err != nil {
		return nil, err
	}
	ranked := make([]Ranked, 0, len(offers))
	for i := range offers {
		score, reasons := Score(p, OfferOfMatch(&offers[i]))
		ranked = append(ranked, Ranked{ID: offers[i].ID, Score: score, Reasons: reasons, PublishedAt: offers[i].PublishedAt, Index: i})
	}
	Sort(ranked)
	ranked = ranked[:min(len(ranked), offerRescore)]
	best := make([]mobilite.MatchOffer, len(ranked))
	for i, r := range ranked {
		best[i] = offers[r.Index]
	}
	if err := s.Store.OfferRequirements(ctx, best); err != nil {
		return nil, err
	}
	ranked = ranked[:0]
	for i := range best {
		score, reasons := Score(p, OfferOfMatch(&best[i]))
		if Keep(reasons) {
			ranked = append(ranked, Ranked{ID: best[i].ID, Score: score, Reasons: reasons, PublishedAt: best[i].PublishedAt})
		}
	}
	Sort(ranked)
	ranked = ranked[:min(len(ranked), limit)]
	ids := make([]int64, len(ranked))
	for i, r := range ranked {
		ids[i] = r.ID
	}
	jobs, err := s.Store.FindJobsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*mobilite.Job, len(jobs))
	for _, j := range jobs {
		byID[j.ID] = j
	}
	out := make([]OfferMatch, 0, len(ranked))
	for _, r := range ranked {
		if j := byID[r.ID]; j != nil {
			out = append(out, OfferMatch{Job: j, Score: r.Score, Reasons: r.Reasons})
		}
	}
	return out, nil
}

// CandidateMatch is a seeker ranked for an offer.
type CandidateMatch struct {
	Candidate mobilite.MatchCandidate
	Score     int
	Reasons   []Reason
}

// CandidatesFor returns the active seekers ranked for an offer, best first, at most limit:
// those with an occupation in the offer's minor group, filtered as f says (f.ISCOPrefix is set
// here). An offer whose occupation is not known to three digits has no candidates.
func (s *Service) CandidatesFor(ctx context.Context, j *mobilite.Job, f mobilite.CandidateFilter, limit int) ([]CandidateMatch, error) {
	if f.ISCOPrefix = Minor(j.ISCO08); f.ISCOPrefix == "" {
		return nil, nil
	}
	f.First = j.ISCO08
	f.Limit = seekerPool
	cs, err := s.Store.MatchCandidates(ctx, f)
	if err != nil {
		return nil, err
	}
	o := OfferOf(j)
	ranked := make([]Ranked, 0, len(cs))
	for i := range cs {
		score, reasons := Score(ProfileOfCandidate(&cs[i]), o)
		ranked = append(ranked, Ranked{ID: cs[i].ID, Score: score, Reasons: reasons, Index: i})
	}
	Sort(ranked)
	ranked = ranked[:min(len(ranked), seekerRescore)]
	best := make([]mobilite.MatchCandidate, len(ranked))
	for i, r := range ranked {
		best[i] = cs[r.Index]
	}
	if err := s.Store.CandidateDetails(ctx, best); err != nil {
		return nil, err
	}
	ranked = ranked[:0]
	for i := range best {
		score, reasons := Score(ProfileOfCandidate(&best[i]), o)
		ranked = append(ranked, Ranked{ID: best[i].ID, Score: score, Reasons: reasons, Index: i})
	}
	Sort(ranked)
	out := make([]CandidateMatch, 0, min(len(ranked), limit))
	for _, r := range ranked[:min(len(ranked), limit)] {
		out = append(out, CandidateMatch{Candidate: best[r.Index], Score: r.Score, Reasons: r.Reasons})
	}
	return out, nil
}
