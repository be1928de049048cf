package jobs

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/locale"
)

// Alerts sends the e-mails of saved searches through the outbox.
type Alerts struct {
	Jobs      *Service
	Catalogue *locale.Catalogue
	BaseURL   string
}

// maxSavedSearches is how many searches one person may follow.
const maxSavedSearches = 20

// Save follows the search rawQuery for user by e-mail, "daily" or "instant". Only offers
// published after now are sent. EINVALID for a bad frequency or search, or a user without an
// e-mail address (field email); ECONFLICT past the limit of searches.
func (a *Alerts) Save(ctx context.Context, user *mobilite.User, rawQuery, frequency string) (*mobilite.SavedSearch, error) {
	if user.Email == "" {
		return nil, mobilite.Invalid("email", "alert.email.required")
	}
	if frequency != "daily" && frequency != "instant" {
		return nil, mobilite.Invalid("frequency", "alert.frequency.invalid")
	}
	v, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, mobilite.Invalid("query", "alert.query.invalid")
	}
	if _, p := ParseQuery(a.Jobs.Ref, v, a.Jobs.now()); p.Err() != nil {
		return nil, p.Err()
	}
	canonical := Canonical(v)
	existing, err := a.Jobs.Store.FindSavedSearches(ctx, user.ID)
	if err != nil {
		return nil, err
	}
	if len(existing) >= maxSavedSearches {
		return nil, mobilite.Errorf(mobilite.ECONFLICT, "alert.too_many", "")
	}
	for _, s := range existing {
		if s.Query == canonical && s.Frequency == frequency {
			return s, nil // already followed
		}
	}
	last, err := a.Jobs.Store.MaxJobID(ctx)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	s := &mobilite.SavedSearch{UserID: user.ID, Query: canonical, Label: a.Label(v, user.Language), Frequency: frequency,
		Unsubscribe: base64.RawURLEncoding.EncodeToString(b), LastJobID: last, CreatedAt: a.Jobs.now()}
	if err := a.Jobs.Store.CreateSavedSearch(ctx, s); err != nil {
		return nil, err
	}
	return s, nil
}

// Label describes a search in words: the text typed and the places chosen.
func (a *Alerts) Label(v url.Values, lang string) string {
	p := a.Catalogue.Printer(lang)
	var parts []string
	if q := strings.TrimSpace(v.Get("q")); q != "" {
		parts = append(parts, "« "+q+" »")
	}
	for _, c := range v["country"] {
		if a3, ok := a.Jobs.Ref.ResolveCountry(c); ok {
			country, _ := a.Jobs.Ref.Country(a3)
			parts = append(parts, map[bool]string{true: country.NameFR, false: country.NameEN}[lang == "fr"])
		}
	}
	if r := v.Get("region"); r != "" {
		parts = append(parts, p.T("region."+r))
	}
	if t := v.Get("type"); t != "" {
		parts = append(parts, p.T("contract."+t))
	}
	if len(parts) == 0 {
		return p.T("alert.all_offers")
	}
	label := strings.Join(parts, " · ")
	if len(label) > 200 {
		label = strings.ToValidUTF8(label[:200], "") + "…"
	}
	return label
}

// Unsubscribe stops the saved search whose link token is given, without a login. ENOTFOUND.
func (a *Alerts) Unsubscribe(ctx context.Context, token string) (*mobilite.SavedSearch, error) {
	if token == "" || len(token) > 100 {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "alert.unsubscribe.invalid", "")
	}
	s, err := a.Jobs.Store.DeleteSavedSearchByToken(ctx, token)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
		return nil, &mobilite.Error{Code: mobilite.ENOTFOUND, Key: "alert.unsubscribe.invalid", Err: err}
	}
	return s, err
}

// SendDue writes the e-mails of the saved searches of a frequency that are due: the offers
// published since the last e-mail, at most 20 by e-mail. "instant" searches are due every run,
// "daily" ones once a day. It returns how many e-mails were written.
func (a *Alerts) SendDue(ctx context.Context, frequency string) (int, error) {
	now := a.Jobs.now()
	before := now
	if frequency == "daily" {
		before = now.Add(-23 * time.Hour)
	}
	due, err := a.Jobs.Store.FindDueSavedSearches(ctx, frequency, before, 500)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, s := range due {
		n, err := a.send(ctx, s, now)
		if err != nil {
			return sent, err
		}
		sent += n
	}
	return sent, nil
}

// send writes the e-mail of one saved search, if it has news, and moves its mark, together.
func (a *Alerts) send(ctx context.Context, s *mobilite.SavedSearch, now time.Time) (int, error) {
	user, err := a.Jobs.Store.FindUserByID(ctx, s.UserID)
	if err != nil {
		return 0, err
	}
	v, _ := url.ParseQuery(s.Query)
	q, _ := ParseQuery(a.Jobs.Ref, v, now)
	q.AfterID, q.Sort, q.Status, q.Limit, q.Since = s.LastJobID, "newest", mobilite.JobOpen, 20, time.Time{}
	res, err := a.Jobs.Store.SearchJobs(ctx, q)
	if err != nil {
		return 0, err
	}
	last := s.LastJobID
	for _, j := range res.Items {
		last = max(last, j.ID)
	}
	if len(res.Items) == 0 || user.Email == "" || user.Disabled {
		return 0, a.Jobs.Store.MarkSavedSearchSent(ctx, s.ID, last, now)
	}
	p := a.Catalogue.Printer(user.Language)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", p.T("alert.mail.intro", "name", user.Name, "label", s.Label))
	for _, j := range res.Items {
		fmt.Fprintf(&b, "• %s — %s", j.Title, j.Organization)
		if c, ok := a.Jobs.Ref.Country(j.Country); ok {
			fmt.Fprintf(&b, " (%s)", map[bool]string{true: c.NameFR, false: c.NameEN}[user.Language == "fr"])
		}
		fmt.Fprintf(&b, "\n  %s/offres/%d\n", a.BaseURL, j.ID)
	}
	if res.Total > len(res.Items) {
		fmt.Fprintf(&b, "\n%s\n%s/offres?%s\n", p.N("alert.mail.more", res.Total-len(res.Items)), a.BaseURL, s.Query)
	}
	fmt.Fprintf(&b, "\n%s\n%s/alertes/desabonner?token=%s\n\n%s\n", p.T("alert.mail.unsubscribe"), a.BaseURL, s.Unsubscribe, p.T("alert.mail.nofee"))
	err = a.Jobs.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.EnqueueMessage(ctx, &mobilite.Message{To: user.Email, Subject: p.N("alert.mail.subject", len(res.Items), "label", s.Label),
			Body: b.String(), CreatedAt: now}); err != nil {
			return err
		}
		return tx.MarkSavedSearchSent(ctx, s.ID, last, now)
	})
	if err != nil {
		return 0, err
	}
	return 1, nil
}
