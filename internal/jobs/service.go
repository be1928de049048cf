// Package jobs provides the job portal's rules: offers coming in from sources, partners and
// uploads are normalised, checked for fair recruitment, held for review or published, merged
// with their duplicates, closed at their deadline, searched, reported and followed.
package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/fairrec"
	"mobilite/internal/ingest"
	"mobilite/internal/normalize"
	"mobilite/internal/ref"
)

// Service holds the job portal's dependencies.
type Service struct {
	Store mobilite.Store
	Ref   *ref.Ref
	Norm  *normalize.Normalizer
	Hub   *Hub // told of new open offers; may be nil
	Log   *slog.Logger
	Now   func() time.Time
	// Progress, when set, is told after each batch how many items are done out of how many.
	Progress func(done, total int)
	// Pages keeps rendered search pages while their answer stays the same.
	Pages *Pages
}

// New returns the service.
func New(s mobilite.Store, r *ref.Ref, hub *Hub, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{Store: s, Ref: r, Norm: normalize.New(r), Hub: hub, Log: log, Now: now, Pages: NewPages()}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// batchSize is how many items are written per transaction. Fewer, larger transactions rewrite
// the full-text index's pages less often: 500 → 2,000 took SQLite's ingestion from 4,100 to
// 5,000 offers/s (docs/PERFORMANCE.md); a transaction of 2,000 holds the writer about half a
// second.
const batchSize = 2000

// highSeverity lists the rules that hold an offer for review when its source is not trusted.
var highSeverity = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range fairrec.Rules {
		if r.Severity == "high" {
			m[r.ID] = true
		}
	}
	return m
}()

// check runs the fair-recruitment rules on j and sets its flags, its "no fee" badge and its
// status: open, held for review (a serious flag from a source that is not trusted), or closed
// when its deadline has passed.
func (s *Service) check(j *mobilite.Job, salary string, trusted bool, now time.Time) {
	major := ""
	if j.ISCO08 != "" {
		major = j.ISCO08[:1]
	}
	flags, noFee := fairrec.Check(fairrec.Offer{Title: j.Title, Organization: j.Organization, Description: j.Description,
		HowToApply: j.HowToApply, ApplyURL: j.ApplyURL, Salary: salary, Country: j.Country, ISCOMajor: major})
	j.Flags, j.NoFee = nil, noFee
	j.Requirements = requirements(j)
	held := false
	for _, f := range flags {
		j.Flags = append(j.Flags, mobilite.JobFlag{Rule: f.Rule, Evidence: f.Evidence})
		if highSeverity[f.Rule] {
			held = true
		}
	}
	switch {
	case !j.Deadline.IsZero() && !j.Deadline.After(now):
		j.Status, j.CloseReason, j.ClosedAt = mobilite.JobClosed, mobilite.CloseDeadline, now
	case held && !trusted:
		j.Status = mobilite.JobHeld
	default:
		j.Status = mobilite.JobOpen
	}
}

// requirements reads what an offer asks of candidates from its title and texts.
func requirements(j *mobilite.Job) mobilite.Requirements {
	r := normalize.ExtractRequirements(j.Title, j.Description+"\n"+j.HowToApply)
	out := mobilite.Requirements{ISCED: r.ISCED, Years: r.Years}
	for _, l := range r.Languages {
		out.Languages = append(out.Languages, mobilite.SeekerLanguage{Language: l.Language, Level: l.Level})
	}
	return out
}

// indexText gives the words under which an offer is found besides its own: the country's names
// in French and English and its world region's code.
func (s *Service) indexText(j *mobilite.Job) string {
	if c, ok := s.Ref.Country(j.Country); ok {
		return c.NameFR + " " + c.NameEN + " " + c.Alpha3
	}
	return ""
}

// orgKey is the key under which an organisation is kept once: its acronym when the source gives
// one, else its name, both read through the table of known organisations (so that "UNICEF" and
// "United Nations Children's Fund" are one).
func orgKey(name, short string) string {
	if k := normalize.OrgKey(short); k != "" {
		return k
	}
	return normalize.OrgKey(name)
}

// hashItem is the content hash of an item: an item unchanged since the last run is not rewritten.
// The bytes hashed are those of the former fmt.Fprintf("%q|%q|…|%s|%q|%q") — strconv.AppendQuote
// is what %q does with a string — so that stored hashes stay valid; fmt took 3 % of an ingestion.
func hashItem(it ingest.Item) string {
	buf := make([]byte, 0, 256+len(it.DescriptionHTML)+len(it.HowToApplyHTML))
	for i, s := range []string{it.Title, it.Organization, it.OrgShortName, it.DescriptionHTML, it.HowToApplyHTML,
		it.ApplyURL, it.Country, it.City, it.ContractType, it.Language} {
		if i > 0 {
			buf = append(buf, '|')
		}
		buf = appendQuote(buf, s)
	}
	buf = append(buf, '|')
	buf = it.Deadline.UTC().AppendFormat(buf, time.RFC3339)
	buf = append(buf, '|')
	buf = appendQuote(buf, it.ISCO08)
	buf = append(buf, '|')
	buf = appendQuote(buf, it.Salary)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:16])
}

// appendQuote is strconv.AppendQuote, byte for byte, with the runs that need no escape (most
// of a description) copied whole: quoting rune by rune was 2 % of an ingestion.
func appendQuote(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for len(s) > 0 {
		n := 0
		for n < len(s) {
			c := s[n]
			if c >= utf8.RuneSelf {
				r, size := utf8.DecodeRuneInString(s[n:])
				if r == utf8.RuneError || !strconv.IsPrint(r) {
					break
				}
				n += size
				continue
			}
			if c < ' ' || c == 0x7f || c == '"' || c == '\\' {
				break
			}
			n++
		}
		buf = append(buf, s[:n]...)
		s = s[n:]
		if len(s) == 0 {
			break
		}
		// One rune that needs escaping, as strconv writes it.
		_, size := utf8.DecodeRuneInString(s)
		q := strconv.AppendQuote(nil, s[:size])
		buf = append(buf, q[1:len(q)-1]...)
		s = s[size:]
	}
	return append(buf, '"')
}

// Ingest normalises, checks and writes the items of one run of a source, in batches. It returns
// the counts and notes on what could not be read (for the source's health page).
func (s *Service) Ingest(ctx context.Context, src *mobilite.Source, items []ingest.Item) (mobilite.IngestResult, []string, error) {
	now := s.now()
	d := normalize.Defaults{Country: src.DefaultCountry, Language: src.DefaultLanguage}
	if src.OrgID != 0 {
		orgs, err := s.Store.FindOrganizations(ctx)
		if err != nil {
			return mobilite.IngestResult{}, nil, err
		}
		for _, o := range orgs {
			if o.ID == src.OrgID {
				d.Organization, d.OrgType = o.Name, o.Type
			}
		}
	} else {
		// A feed often names its organisation once, in the source, not in each item (an
		// organisation's own careers feed): the source's name stands for it then.
		d.Organization = src.Name
	}
	var total mobilite.IngestResult
	var notes []string
	batch := make([]mobilite.IngestJob, 0, batchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := s.Store.IngestJobs(ctx, src.ID, batch, now)
		if err != nil {
			return err
		}
		total.Seen += res.Seen
		total.New += res.New
		total.Updated += res.Updated
		total.Merged += res.Merged
		total.Unchanged += res.Unchanged
		total.NewIDs = append(total.NewIDs, res.NewIDs...)
		batch = batch[:0]
		if s.Progress != nil {
			s.Progress(total.Seen, len(items))
		}
		return nil
	}
	for _, it := range items {
		j, n := s.Norm.Job(it, d, now)
		for _, note := range n {
			if len(notes) < 50 {
				notes = append(notes, note)
			}
		}
		if err := j.Validate(); err != nil {
			total.Skipped++
			if len(notes) < 50 {
				notes = append(notes, fmt.Sprintf("item %q skipped: %v", it.Title, err))
			}
			continue
		}
		s.check(j, it.Salary, src.Trusted, now)
		j.IndexText = s.indexText(j)
		ext := it.ExternalID
		if ext == "" {
			ext = it.URL
		}
		if ext == "" {
			ext = "h:" + hashItem(it)
		}
		batch = append(batch, mobilite.IngestJob{Job: j, OrgKey: orgKey(j.Organization, it.OrgShortName), OrgShort: it.OrgShortName,
			ExternalID: truncate(ext, 500), URL: truncate(it.URL, 2000), ContentHash: hashItem(it)})
		if len(batch) == batchSize {
			if err := flush(); err != nil {
				return total, notes, err
			}
		}
	}
	if err := flush(); err != nil {
		return total, notes, err
	}
	if s.Hub != nil && len(total.NewIDs) > 0 {
		s.Hub.Notify(ctx, total.NewIDs[len(total.NewIDs)-1])
	}
	return total, notes, nil
}

// truncate cuts s to at most n bytes without breaking a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
