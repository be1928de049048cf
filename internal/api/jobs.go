package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/jobs"
)

// jobBody is how the API shows an offer.
type jobBody struct {
	ID           int64              `json:"id"`
	Title        string             `json:"title"`
	Organization string             `json:"organization"`
	Country      string             `json:"country,omitempty"`
	City         string             `json:"city,omitempty"`
	ISCO08       string             `json:"isco08,omitempty"`
	ContractType string             `json:"contract_type,omitempty"`
	Deadline     *time.Time         `json:"deadline"`
	PublishedAt  time.Time          `json:"published_at"`
	UpdatedAt    time.Time          `json:"updated_at"`
	URL          string             `json:"url"`
	ApplyURL     string             `json:"apply_url,omitempty"`
	Sources      []string           `json:"sources"`
	Language     string             `json:"language,omitempty"`
	Flags        []mobilite.JobFlag `json:"flags"`
	NoFee        bool               `json:"no_fee"`
	Status       string             `json:"status"`
	ExternalID   string             `json:"external_id,omitempty"`
	Description  string             `json:"description,omitempty"`
	HowToApply   string             `json:"how_to_apply,omitempty"`
	Change       string             `json:"change,omitempty"`
}

func (a *API) showJob(r *http.Request, j *mobilite.Job, full bool) jobBody {
	b := jobBody{ID: j.ID, Title: j.Title, Organization: j.Organization, Country: j.Country, City: j.City, ISCO08: j.ISCO08,
		ContractType: j.Contract, PublishedAt: j.PublishedAt, UpdatedAt: j.UpdatedAt, URL: a.base(r) + "/offres/" + strconv.FormatInt(j.ID, 10),
		ApplyURL: j.ApplyURL, Sources: []string{}, Language: j.Language, Flags: j.Flags, NoFee: j.NoFee, Status: j.Status, ExternalID: j.ExternalID}
	if b.Flags == nil {
		b.Flags = []mobilite.JobFlag{}
	}
	if !j.Deadline.IsZero() {
		d := j.Deadline
		b.Deadline = &d
	}
	for _, s := range j.Sources {
		b.Sources = append(b.Sources, s.SourceName)
	}
	if j.PartnerID != 0 && len(b.Sources) == 0 {
		b.Sources = append(b.Sources, j.Organization)
	}
	if full {
		b.Description, b.HowToApply = j.Description, j.HowToApply
	}
	return b
}

// searchBody is the answer of a search.
type searchBody struct {
	Items  []jobBody                        `json:"items"`
	Total  int                              `json:"total"`
	Page   int                              `json:"page"`
	Facets map[string][]mobilite.FacetCount `json:"facets"`
}

func (a *API) searchJobs(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, problems := jobs.ParseQuery(a.ref, v, time.Now())
	if err := problems.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	page, per := 1, 20
	if p, err := strconv.Atoi(v.Get("page")); err == nil && p > 0 && p <= 10000 {
		page = p
	} else if v.Get("page") != "" {
		a.fail(w, r, mobilite.Invalid("page", "search.page.invalid"))
		return
	}
	if n, err := strconv.Atoi(v.Get("per_page")); err == nil && n > 0 && n <= 100 {
		per = n
	} else if v.Get("per_page") != "" {
		a.fail(w, r, mobilite.Invalid("per_page", "search.per_page.invalid"))
		return
	}
	q.Offset, q.Limit, q.Facets = (page-1)*per, per, true
	res, err := a.jobs.Store.SearchJobs(r.Context(), q)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	srcs, err := a.sources(r, res.Items)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := searchBody{Items: []jobBody{}, Total: res.Total, Page: page, Facets: map[string][]mobilite.FacetCount{}}
	for _, j := range res.Items {
		out.Items = append(out.Items, a.showJob(r, withSources(j, srcs), false))
	}
	if f := res.Facets; f != nil {
		out.Facets = map[string][]mobilite.FacetCount{"country": f.Countries, "org": f.Orgs, "isco_major": f.ISCOMajor,
			"contract_type": f.Contracts, "language": f.Languages, "deadline": f.Deadline}
	}
	writeJSON(w, http.StatusOK, out)
}

// sources reads the sources of a list of offers, which searches and changes leave out, in one
// query: an item of the API names its sources as the offer itself does.
func (a *API) sources(r *http.Request, list []*mobilite.Job) (map[int64][]mobilite.JobSource, error) {
	if len(list) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(list))
	for i, j := range list {
		ids[i] = j.ID
	}
	return a.jobs.Store.FindJobSources(r.Context(), ids)
}

// withSources is a copy of j with its sources from srcs: the offers of a search may be the
// store's kept answer, shared with other requests, and are not written to.
func withSources(j *mobilite.Job, srcs map[int64][]mobilite.JobSource) *mobilite.Job {
	c := *j
	c.Sources = srcs[j.ID]
	return &c
}

// findVisible returns an offer the caller may see: open and closed ones to everyone, held and
// rejected ones to staff and to the partner who sent them.
func (a *API) findVisible(r *http.Request) (*mobilite.Job, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "api: bad id")
	}
	j, err := a.jobs.Store.FindJobByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	u := access.User(r.Context())
	if j.Status != mobilite.JobOpen && j.Status != mobilite.JobClosed && (u == nil || !(u.Role.Staff() || u.ID == j.PartnerID)) {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "api: offer %d is %s", id, j.Status)
	}
	return j, nil
}

func (a *API) getJob(w http.ResponseWriter, r *http.Request) {
	j, err := a.findVisible(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a.showJob(r, j, true))
}

// jobChanges lists offers created, updated or closed after since, for systems that mirror ours
// (as EURES's getChanges). The answer's "next" is the since of the following call.
func (a *API) jobChanges(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("since")
	since, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		a.fail(w, r, mobilite.Invalid("since", "search.since.invalid"))
		return
	}
	list, err := a.jobs.Store.FindJobChanges(r.Context(), since, 500)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	srcs, err := a.sources(r, list)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := struct {
		Items []jobBody `json:"items"`
		Next  string    `json:"next"`
	}{Items: []jobBody{}, Next: raw}
	for _, j := range list {
		b := a.showJob(r, withSources(j, srcs), false)
		switch {
		case j.Status == mobilite.JobClosed:
			b.Change = "closed"
		case j.PublishedAt.After(since):
			b.Change = "created"
		default:
			b.Change = "updated"
		}
		out.Items = append(out.Items, b)
		out.Next = j.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	writeJSON(w, http.StatusOK, out)
}

// pushBody is what a partner's HR system sends.
type pushBody struct {
	ExternalID   string `json:"external_id"`
	Title        string `json:"title"`
	Organization string `json:"organization"`
	Description  string `json:"description"`
	HowToApply   string `json:"how_to_apply"`
	Country      string `json:"country"`
	City         string `json:"city"`
	ContractType string `json:"contract_type"`
	Deadline     string `json:"deadline"`
	ApplyURL     string `json:"apply_url"`
	Language     string `json:"language"`
	ISCO08       string `json:"isco08"`
}

// pushJob creates (201) or updates (200, same external_id) a partner's offer.
func (a *API) pushJob(w http.ResponseWriter, r *http.Request) {
	var in pushBody
	if !a.decode(w, r, &in) {
		return
	}
	if in.ExternalID == "" {
		a.fail(w, r, mobilite.Invalid("external_id", "job.external_id.required"))
		return
	}
	j, created, err := a.jobs.Publish(r.Context(), access.User(r.Context()), jobs.Input{ExternalID: in.ExternalID, Title: in.Title,
		Organization: in.Organization, Description: in.Description, HowToApply: in.HowToApply, Country: in.Country, City: in.City,
		ContractType: in.ContractType, Deadline: in.Deadline, ApplyURL: in.ApplyURL, Language: in.Language, ISCO08: in.ISCO08})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/jobs/"+strconv.FormatInt(j.ID, 10))
	}
	full, err := a.jobs.Store.FindJobByID(r.Context(), j.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, status, a.showJob(r, full, true))
}

// closeJob closes one of the calling partner's offers.
func (a *API) closeJob(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", ""))
		return
	}
	j, err := a.jobs.ClosePartnerJob(r.Context(), access.User(r.Context()), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a.showJob(r, j, false))
}

// base is the site's public address: the configured one, else the one the request came to.
func (a *API) base(r *http.Request) string {
	if a.baseURL != "" {
		return strings.TrimRight(a.baseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
