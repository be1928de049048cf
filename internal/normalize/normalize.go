package normalize

import (
	"cmp"
	"fmt"
	"html"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/ingest"
	"mobilite/internal/ref"
)

// Normalizer turns items into offers. Ref gives the classifications. Build it with New; it is
// safe for concurrent use and must not be copied after first use.
type Normalizer struct {
	Ref *ref.Ref

	once sync.Once
	isco *iscoIndex
}

// New returns a Normalizer over the classifications of r (required), with its occupation
// index built (about 10 ms).
func New(r *ref.Ref) *Normalizer {
	n := &Normalizer{Ref: r}
	n.index()
	return n
}

// index returns the occupation index, building it on first use for a Normalizer made without
// New.
func (n *Normalizer) index() *iscoIndex {
	n.once.Do(func() { n.isco = newISCOIndex(n.Ref) })
	return n.isco
}

// Defaults are what a source's configuration says when an item does not: country (alpha-3),
// language ("fr", "en"), organisation name and type (mobilite.OrgUN, …).
type Defaults struct{ Country, Language, Organization, OrgType string }

// maxNote is the longest value quoted in a note.
const maxNote = 80

// Job builds the offer an item describes:
//
//   - Title: tags dropped, entities decoded, whitespace collapsed, at most 300 characters;
//   - Organization: the item's name, else its short name, else the default; OrgType from the
//     item's words ("International Organization", "NGO", "ONG"…), else from the table of known
//     organisations (UNICEF is "un"), else the default;
//   - Description and HowToApply: sanitised (Sanitize); a description escaped twice
//     ("&lt;p&gt;…") is unescaped once first;
//   - ApplyURL: the item's apply URL, else its page URL, when absolute http(s) or mailto (a bare
//     e-mail address becomes a mailto link), else "";
//   - Country, City: ResolvePlace on the item's fields, then on the default country;
//   - Contract: Contract on the item's contract type, title and description;
//   - Deadline: the item's, else DeadlineRaw read by ParseDeadline;
//   - Language: the item's ("fr", "French", "fr-FR", "anglais"…), else DetectLanguage on the
//     title and description, else the default;
//   - ISCO08 and ISCOConfidence: the item's code when it exists (confidence 0.9), else
//     SuggestISCO;
//   - ExternalID, Fingerprint; PublishedAt: the item's Posted, else now (a date in the future
//     is taken as now); UpdatedAt: the item's Updated when later, else PublishedAt.
//
// Status is left "" for the caller. Job never fails: what cannot be read stays empty, and each
// such thing is listed in the notes, short English sentences for the source's health page
// ("country \"Atlantis\" not recognised").
func (n *Normalizer) Job(it ingest.Item, d Defaults, now time.Time) (*mobilite.Job, []string) {
	var nt notes
	j := &mobilite.Job{ExternalID: strings.TrimSpace(it.ExternalID)}

	var cut bool
	j.Title, cut = cleanDisplayTitle(it.Title)
	switch {
	case j.Title == "":
		nt.add("title missing")
	case cut:
		nt.add("title cut to %d characters", maxTitle)
	}
	orgKey := organization(j, it, d, &nt)
	content(j, it, &nt)
	n.place(j, it, d, &nt)

	j.Contract = Contract(it.ContractType, j.Title, j.Description)
	if j.Contract == "" && strings.TrimSpace(it.ContractType) != "" {
		nt.add("contract type %q not recognised", quoteCut(it.ContractType))
	}
	j.Deadline = it.Deadline
	if j.Deadline.IsZero() && strings.TrimSpace(it.DeadlineRaw) != "" {
		if t, ok := ParseDeadline(it.DeadlineRaw, nil); ok {
			j.Deadline = t
		} else {
			nt.add("deadline %q not read", quoteCut(it.DeadlineRaw))
		}
	}
	language(j, it, d, &nt)

	segs := titleSegments(j.Title, placeChecker(n.Ref))
	if code := strings.TrimSpace(it.ISCO08); code != "" {
		if c, ok := n.Ref.ResolveOccupation(code); ok {
			j.ISCO08, j.ISCOConfidence = c, 0.9
		} else {
			nt.add("ISCO-08 code %q unknown", quoteCut(code))
		}
	}
	if j.ISCO08 == "" && j.Title != "" {
		j.ISCO08, j.ISCOConfidence = n.suggestISCO(segs, j.Description)
	}
	j.Fingerprint = fingerprintOf(segs, orgKey, j.Country, j.Deadline)

	// A date in the future is a source's mistake (or a time zone taken for another); a day
	// of margin lets the zones be.
	j.PublishedAt = it.Posted
	switch {
	case j.PublishedAt.IsZero():
		j.PublishedAt = now
	case j.PublishedAt.After(now.Add(24 * time.Hour)):
		nt.add("publication date %s is in the future; now is used", j.PublishedAt.Format(time.DateOnly))
		j.PublishedAt = now
	}
	j.UpdatedAt = j.PublishedAt
	if it.Updated.After(j.PublishedAt) && !it.Updated.After(now.Add(24*time.Hour)) {
		j.UpdatedAt = it.Updated
	}
	return j, nt
}

// notes collects the notes of Job.
type notes []string

func (nt *notes) add(format string, args ...any) { *nt = append(*nt, fmt.Sprintf(format, args...)) }

// organization fills the organisation's name and type and returns its key for the fingerprint:
// that of the name, or of the short name when only it is a known organisation.
func organization(j *mobilite.Job, it ingest.Item, d Defaults, nt *notes) string {
	j.Organization = cmp.Or(tidy(it.Organization), tidy(it.OrgShortName), tidy(d.Organization))
	if j.Organization == "" {
		nt.add("organisation missing")
	}
	known, ok := lookupOrg(j.Organization)
	if !ok && it.OrgShortName != "" {
		known, ok = lookupOrg(it.OrgShortName)
	}
	j.OrgType = orgType(it.OrgType)
	if j.OrgType == "" && strings.TrimSpace(it.OrgType) != "" {
		nt.add("organisation type %q not recognised", quoteCut(it.OrgType))
	}
	if j.OrgType == "" && ok {
		j.OrgType = known.Type
	}
	if j.OrgType == "" {
		j.OrgType = orgType(d.OrgType)
	}
	if ok {
		return known.Key
	}
	return OrgKey(j.Organization)
}

// NoteDescriptionCut begins the note of Job when the sanitised description had to be cut.
const NoteDescriptionCut = "description cut to"

// content fills the description, how to apply and the apply URL.
func content(j *mobilite.Job, it ingest.Item, nt *notes) {
	desc := it.DescriptionHTML
	if escapedTwice(desc) {
		desc = html.UnescapeString(desc)
		nt.add("description was HTML-escaped twice; unescaped once")
	}
	var cut bool
	j.Description, cut = sanitize(desc)
	if j.Description == "" {
		nt.add("description missing")
	} else if cut {
		nt.add(NoteDescriptionCut+" %d bytes", maxHTML)
	}
	howTo := it.HowToApplyHTML
	if escapedTwice(howTo) {
		howTo = html.UnescapeString(howTo)
	}
	j.HowToApply = Sanitize(howTo)

	j.ApplyURL = ApplyURL(it.ApplyURL)
	if j.ApplyURL == "" && strings.TrimSpace(it.ApplyURL) != "" {
		nt.add("apply URL %q is not an absolute http(s) or mailto link", quoteCut(it.ApplyURL))
	}
	if j.ApplyURL == "" {
		j.ApplyURL = ApplyURL(it.URL)
	}
}

// place fills the country and city, from the item, else the default country.
func (n *Normalizer) place(j *mobilite.Job, it ingest.Item, d Defaults, nt *notes) {
	j.Country, j.City = ResolvePlace(n.Ref, it.Country, it.City)
	country := tidy(it.Country)
	if country != "" {
		if _, ok := n.Ref.ResolveCountry(country); !ok {
			nt.add("country %q not recognised", quoteCut(country))
		}
	}
	if j.Country == "" {
		// Many feeds write the place only in the title: "…, Fixed Term, Ankara, Türkiye, Post # 87009".
		if c, city := placeFromTitle(n.Ref, j.Title); c != "" {
			j.Country = c
			if j.City == "" {
				j.City = city
			}
		}
	}
	if j.Country == "" && d.Country != "" {
		j.Country, _ = ResolvePlace(n.Ref, d.Country, "")
	}
	switch {
	case j.Country != "":
	case j.City != "":
		nt.add("no country for city %q", quoteCut(j.City))
	case country == "":
		nt.add("country missing")
	}
}

// language fills the language: the item's, else the one the text is written in, else the
// default. An item in another language has none.
func language(j *mobilite.Job, it ingest.Item, d Defaults, nt *notes) {
	if strings.TrimSpace(it.Language) != "" {
		if j.Language = languageCode(it.Language); j.Language == "" {
			nt.add("language %q is neither French nor English", quoteCut(it.Language))
		}
		return
	}
	j.Language = cmp.Or(DetectLanguage(j.Title+"\n"+j.Description), languageCode(d.Language))
}

// orgType maps a source's word for an organisation's type to mobilite.Org…: ReliefWeb's
// types ("International Organization", "Non-governmental Organization", "Government", "Red
// Cross/Red Crescent Movement", "Academic and Research Institution", "Media", "Other"), the
// platform's own values, and common French and English words.
func orgType(s string) string {
	f := ref.Fold(s)
	switch f {
	case "":
		return ""
	case mobilite.OrgUN, mobilite.OrgNGO, mobilite.OrgGovernment, mobilite.OrgPrivate, mobilite.OrgOther:
		return f
	case "international organization", "international organisation", "intergovernmental organization",
		"united nations", "un agency", "nations unies", "onu", "organisation internationale",
		"agence des nations unies", "systeme des nations unies", "red cross red crescent movement":
		return mobilite.OrgUN
	case "non governmental organization", "non governmental organisation", "ngos", "ong",
		"international ngo", "national ngo", "ingo", "organisation non gouvernementale",
		"association", "foundation", "fondation", "charity", "non profit", "nonprofit", "civil society":
		return mobilite.OrgNGO
	case "gouvernement", "public", "public sector", "secteur public", "administration",
		"administration publique", "public employment service", "service public de l emploi", "ministry", "ministere":
		return mobilite.OrgGovernment
	case "prive", "private sector", "secteur prive", "company", "entreprise", "employer",
		"employeur", "private employment agency", "agence privee de placement", "recruitment agency", "business":
		return mobilite.OrgPrivate
	case "academic and research institution", "media", "autre", "academic", "university", "universite":
		return mobilite.OrgOther
	}
	return ""
}

// languageCode reads a language as sources write it: a code ("fr", "fr-FR", "en_GB", "fra",
// "eng") or a name in English or French ("French", "Français", "anglais"). "" for anything else.
func languageCode(s string) string {
	f := ref.Fold(s)
	if i := strings.IndexByte(f, ' '); i > 0 && len(f) <= 6 {
		f = f[:i] // "fr fr", "en gb"
	}
	switch f {
	case "fr", "fra", "fre", "french", "francais", "francaise", "franca", "frances":
		return "fr"
	case "en", "eng", "english", "anglais", "anglaise", "ingles":
		return "en"
	}
	return ""
}

// ApplyURL returns s when it is an absolute http or https URL with a host, or a mailto link
// with an address; a bare e-mail address becomes a mailto link. "" otherwise.
func ApplyURL(s string) string {
	s = strings.TrimSpace(html.UnescapeString(s))
	if s == "" || len(s) > 2000 || strings.ContainsAny(s, " \t\r\n\"<>") {
		return ""
	}
	if !strings.Contains(s, ":") && strings.Count(s, "@") == 1 {
		if a, err := mail.ParseAddress(s); err == nil && a.Address == s {
			return "mailto:" + s
		}
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" || u.User != nil {
			return ""
		}
		u.Scheme = strings.ToLower(u.Scheme)
		return u.String()
	case "mailto":
		addr, _, _ := strings.Cut(u.Opaque, "?")
		if addr == "" {
			return ""
		}
		if a, err := url.PathUnescape(addr); err != nil || !strings.Contains(a, "@") {
			return ""
		}
		return "mailto:" + s[len("mailto:"):]
	}
	return ""
}

// escapedTwice reports whether a text has no tag but escaped ones: "&lt;p&gt;", "&lt;br",
// "&lt;li&gt;"…, as some feeds send descriptions.
func escapedTwice(s string) bool {
	if hasTag(s) {
		return false
	}
	i := strings.Index(s, "&lt;")
	if i < 0 {
		return false
	}
	rest := strings.ToLower(s[i+4 : min(len(s), i+20)])
	for _, t := range []string{"p&gt;", "p ", "br", "/p&gt;", "ul&gt;", "li&gt;", "div", "strong&gt;", "b&gt;", "h2", "h3", "a href", "span", "table"} {
		if strings.HasPrefix(rest, t) {
			return true
		}
	}
	return false
}

// quoteCut shortens a value quoted in a note.
func quoteCut(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxNote {
		return s
	}
	return string([]rune(s)[:maxNote-1]) + "…"
}
