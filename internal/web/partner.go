package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/jobs"
	"mobilite/internal/ref"
)

// partnerOffers lists the offers a partner published, whatever their status.
func (s *Server) partnerOffers(w http.ResponseWriter, r *http.Request) {
	u := access.User(r.Context())
	n := pageNumber(r)
	res, err := s.jobs.Store.SearchJobs(r.Context(), mobilite.JobQuery{PartnerID: u.ID, Status: "any", Sort: "newest",
		Offset: (n - 1) * perPage, Limit: perPage, Now: s.now()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "partner.title")
	d.Nav = "partner"
	d.Data = map[string]any{"Offers": res.Items, "Pager": newPager(r, n, perPage, res.Total)}
	s.render(w, r, "partner_offers", d)
}

// partnerFormData holds the choices of the offer form.
func (s *Server) partnerFormData(j *mobilite.Job) map[string]any {
	return map[string]any{"Job": j, "Countries": s.ref.Countries(), "Contracts": mobilite.ContractTypes, "Occupations": s.unitGroups()}
}

func (s *Server) partnerNewForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "partner.new")
	d.Nav = "partner"
	d.Form.Set("language", d.Lang)
	// The offer's identifier is chosen with the form, so that the same form sent twice (a
	// double click, a page sent again) updates one offer instead of making two.
	d.Form.Set("external_id", newWebOfferID())
	d.Data = s.partnerFormData(nil)
	w.Header().Set("Cache-Control", "no-store") // a form drawn again gets an identifier of its own
	s.render(w, r, "partner_form", d)
}

// webOfferID is the form of the identifiers of offers typed in the form.
var webOfferID = regexp.MustCompile(`^web-[0-9a-f]{16}$`)

func newWebOfferID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "web-" + hex.EncodeToString(b)
}

func offerInput(f url.Values) jobs.Input {
	return jobs.Input{ExternalID: f.Get("external_id"), Title: f.Get("title"), Description: f.Get("description"),
		HowToApply: f.Get("how_to_apply"), Country: f.Get("country"), City: f.Get("city"), ContractType: f.Get("contract_type"),
		Deadline: f.Get("deadline"), ApplyURL: f.Get("apply_url"), Language: f.Get("language"), ISCO08: f.Get("isco08")}
}

func (s *Server) partnerCreate(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	in := offerInput(form)
	// An offer typed in the form has the identifier the form was drawn with (a new one when
	// it is missing or not one of ours). Sent again (a double click, the page sent twice, the
	// form come back with the back button), it leads to the offer already made: changes are
	// made on the offer's own page, never by a new offer's form.
	partner := access.User(r.Context())
	if !webOfferID.MatchString(in.ExternalID) {
		in.ExternalID = newWebOfferID()
		form.Set("external_id", in.ExternalID)
	} else if sent, err := s.store.FindPartnerJob(r.Context(), partner.ID, in.ExternalID); err == nil {
		s.flash(w, r, "flash.offer_already_sent")
		redirect(w, r, "/partenaire/offres/"+strconv.FormatInt(sent.ID, 10))
		return
	} else if mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		s.fail(w, r, err)
		return
	}
	j, _, err := s.jobs.Publish(r.Context(), partner, in)
	if err != nil {
		s.partnerFormError(w, r, "partner.new", nil, form, err)
		return
	}
	s.flash(w, r, "flash.offer_sent")
	redirect(w, r, "/partenaire/offres/"+strconv.FormatInt(j.ID, 10))
}

func (s *Server) partnerFormError(w http.ResponseWriter, r *http.Request, title string, j *mobilite.Job, form url.Values, err error) {
	d := s.formError(w, r, title, "partner", form, err)
	if d == nil {
		return
	}
	d.Data = s.partnerFormData(j)
	s.render(w, r, "partner_form", d)
}

// partnerJob returns one of the partner's offers; ENOTFOUND when it is not theirs.
func (s *Server) partnerJob(r *http.Request) (*mobilite.Job, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	j, err := s.jobs.Store.FindJobByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if j.PartnerID != access.User(r.Context()).ID {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "web: offer %d is not the partner's", id)
	}
	return j, nil
}

func (s *Server) partnerEditForm(w http.ResponseWriter, r *http.Request) {
	j, err := s.partnerJob(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "partner.edit")
	d.Nav = "partner"
	for k, v := range map[string]string{"title": j.Title, "description": j.Description, "how_to_apply": j.HowToApply,
		"country": j.Country, "city": j.City, "contract_type": j.Contract, "apply_url": j.ApplyURL, "language": j.Language, "isco08": j.ISCO08} {
		d.Form.Set(k, v)
	}
	if !j.Deadline.IsZero() {
		d.Form.Set("deadline", j.Deadline.In(lome).Format("2006-01-02"))
	}
	d.Data = s.partnerFormData(j)
	s.render(w, r, "partner_form", d)
}

func (s *Server) partnerUpdate(w http.ResponseWriter, r *http.Request) {
	j, err := s.partnerJob(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	in := offerInput(form)
	in.ExternalID = j.ExternalID
	if _, _, err := s.jobs.Publish(r.Context(), access.User(r.Context()), in); err != nil {
		s.partnerFormError(w, r, "partner.edit", j, form, err)
		return
	}
	s.flash(w, r, "flash.offer_sent")
	redirect(w, r, "/partenaire/offres/"+strconv.FormatInt(j.ID, 10))
}

func (s *Server) partnerClose(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		_, err = s.jobs.ClosePartnerJob(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.offer_closed")
	redirect(w, r, "/partenaire/offres")
}

// unitGroups lists the ISCO-08 unit groups, for the searchable occupation fields.
func (s *Server) unitGroups() []ref.Occupation {
	var out []ref.Occupation
	for _, o := range s.ref.Occupations() {
		if o.Level == 4 {
			out = append(out, o)
		}
	}
	return out
}
