package demo

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"mobilite"
	"mobilite/internal/ingest"
	"mobilite/internal/jobs"
)

// demoSources are the files of demonstration offers, each read as a source of its own format.
var demoSources = []struct{ file, name, kind string }{
	{"onu.xml", "Offres des Nations unies (flux RSS de démonstration)", ingest.KindRSS},
	{"reliefweb.json", "ReliefWeb (réponse d'API de démonstration)", ingest.KindReliefWeb},
	{"services-emploi.json", "Services publics de l'emploi étrangers (HR Open, démonstration)", ingest.KindHROpen},
	{"agences.html", "Agences de recrutement (page JSON-LD de démonstration)", ingest.KindJSONLD},
}

// written is the day the demonstration files were written: their dates are moved by the time
// since then, so that the demo offers are always open for a few weeks.
var written = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// OffersResult says what LoadOffers did.
type OffersResult struct{ Sources, Offers int }

// LoadOffers reads the demonstration offers through the real pipeline (parse, normalise,
// fair-recruitment checks, merge of duplicates): each file is a source that is never fetched.
// Loading again updates the same offers.
func LoadOffers(ctx context.Context, svc *jobs.Service, now time.Time) (OffersResult, error) {
	var res OffersResult
	existing, err := svc.Store.FindSources(ctx)
	if err != nil {
		return res, err
	}
	byURL := map[string]*mobilite.Source{}
	for _, s := range existing {
		byURL[s.URL] = s
	}
	shift := now.Sub(written)
	for _, d := range demoSources {
		data, err := fs.ReadFile(files, "data/offers/"+d.file)
		if err != nil {
			return res, fmt.Errorf("demo: %w", err)
		}
		items, err := ingest.Parse(d.kind, data, nil)
		if err != nil {
			return res, fmt.Errorf("demo: %s: %w", d.file, err)
		}
		for i := range items {
			if !items[i].Deadline.IsZero() {
				items[i].Deadline = items[i].Deadline.Add(shift)
			}
			if !items[i].Posted.IsZero() {
				items[i].Posted = items[i].Posted.Add(shift)
			}
			items[i].Updated = time.Time{}
		}
		url := "demo:" + d.file
		src, ok := byURL[url]
		if !ok {
			src = &mobilite.Source{Name: d.name, Kind: d.kind, URL: url, IntervalMinutes: 60, Enabled: false,
				NextRunAt: now, CreatedAt: now, UpdatedAt: now}
			if err := svc.Store.CreateSource(ctx, src); err != nil {
				return res, err
			}
			res.Sources++
		}
		r, _, err := svc.Ingest(ctx, src, items)
		if err != nil {
			return res, fmt.Errorf("demo: %s: %w", d.file, err)
		}
		res.Offers += r.New
		src.LastRunAt, src.LastSuccessAt, src.UpdatedAt = now, now, now
		src.ItemsSeen, src.ItemsNew, src.ItemsUpdated = r.Seen, r.New, r.Updated+r.Merged
		if err := svc.Store.UpdateSource(ctx, src); err != nil {
			return res, err
		}
	}
	return res, nil
}
