package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mobilite/internal/demo"
)

// TestBrowserRegulation walks the regulation registers in a real Chromium on a 360-px phone, as
// a young man offered a job abroad would: from the home page he checks the agency he was given
// (licensed), then a revoked one, then a name that is in no register; from the warning he
// reports it, makes a mistake, corrects it, and reads the reference of his complaint.
func TestBrowserRegulation(t *testing.T) {
	needChromium(t)
	s := startServer(t, "sqlite")
	b := newBrowser(t, s.URL)

	b.walk(t, "check-agency", 15*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Navigate(p.url("/")))
		p.follow("/agences", chromedp.Click(chromedp.Search(`//main//a[normalize-space()="Vérifier une agence"]`)))
		p.wantHeading("Vérifier une agence de recrutement")
		p.checkAgency("agence espoir")
		if got := textOf(p, chromedp.CSS("main .agency .verdict")); !strings.Contains(got, "Agrément valide jusqu'au") {
			p.t.Errorf("Agence Espoir: %q", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("agency-valid-360.png")

		p.checkAgency("Atlantique")
		if got := textOf(p, chromedp.CSS("main .agency .verdict.bad")); !strings.Contains(got, "Agrément retiré le") ||
			!strings.Contains(got, "Ne lui payez rien") {
			p.t.Errorf("revoked agency: %q", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("agency-revoked-360.png")

		p.checkAgency("Passeurs Fantômes")
		if got := textOf(p, chromedp.CSS(`main .verdict.bad[role="alert"]`)); !strings.Contains(got, "Aucune agence agréée ne porte ce nom : ne payez rien, signalez-la.") {
			p.t.Errorf("unknown agency: %q", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("agency-unknown-360.png")
	})

	b.walk(t, "report", 20*time.Second, func(p *page) {
		p.follow("/plaintes/nouvelle", chromedp.Click(chromedp.CSS(`main .verdict a.button`)))
		p.wantHeading("Signaler un abus de recrutement")
		if got := valueOf(p, chromedp.ID("f-agency")); got != "Passeurs Fantômes" {
			p.t.Errorf("agency carried from the search = %q", got)
		}
		if checked := evaluate[bool](p, `document.querySelector('input[name="category"][value="unlicensed_recruiter"]').checked`); !checked {
			p.t.Error("the category is not preselected")
		}
		p.do(
			chromedp.SendKeys(chromedp.ID("f-account"), "Il veut 500 000"),
			chromedp.SetValue(chromedp.ID("f-destination"), "CAN"),
			chromedp.SendKeys(chromedp.ID("f-contact_phone"), "90 44 55 66"),
		)
		if status := p.follow("/plaintes", chromedp.Click(chromedp.CSS(`form[action="/plaintes"] > button`))); status != 422 {
			p.t.Errorf("complaint with mistakes: status %d, want 422", status)
		}
		if got := textOf(p, chromedp.ID("e-account")); !strings.Contains(got, "20 caractères au moins") {
			p.t.Errorf("error at the account = %q", got)
		}
		if got := textOf(p, chromedp.ID("e-consent")); !strings.Contains(got, "Cochez la case") {
			p.t.Errorf("error at the consent = %q", got)
		}
		if got := valueOf(p, chromedp.ID("f-destination")); got != "CAN" {
			p.t.Errorf("destination after the error = %q", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("complaint-error-360.png")

		p.do(
			chromedp.SendKeys(chromedp.ID("f-account"), " F CFA sur Facebook pour un visa de travail au Canada."),
			chromedp.Click(chromedp.CSS(`input[name="consent"]`)),
		)
		p.follow("/plaintes/suivi", chromedp.Click(chromedp.CSS(`form[action="/plaintes"] > button`)))
		p.wantFlash("Votre plainte est enregistrée")
		p.wantHeading("Suivi de votre plainte")
		ref := textOf(p, chromedp.CSS("main .number"))
		if !regexp.MustCompile(`^PL-\d{4}-[0-9A-Z]{6}$`).MatchString(ref) {
			p.t.Errorf("reference = %q", ref)
		}
		if link := attrOf(p, chromedp.ID("link"), "href"); !strings.Contains(link, "/plaintes/suivi?code=") || !strings.Contains(link, ref) {
			p.t.Errorf("follow-up link = %q", link)
		}
		p.wantNoSidewaysScroll()
		p.shot("complaint-filed-360.png")
	})
	// The labour inspector, on a phone too, reads the departures through agencies whose licence
	// was not valid that day (the demo's departures name the demo register's agencies).
	b.walk(t, "flagged-departures", 15*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Navigate(p.url("/connexion")))
		p.logIn("inspection@mobilite.example", demo.Password, 200, "/compte")
		p.do(chromedp.Navigate(p.url("/inspection/departs")))
		p.wantHeading("Départs par des agences sans agrément valide")
		// The demo records departures through its suspended, revoked and expired agencies.
		if got := textOf(p, chromedp.CSS("main p.count")); !regexp.MustCompile(`^[1-9][0-9]* départs? signalés?`).MatchString(got) {
			p.t.Errorf("count line: %q", got)
		}
		if got := textOf(p, chromedp.CSS("main table tbody tr td.licence")); !strings.HasPrefix(got, "TG-AGR-") {
			p.t.Errorf("first licence: %q", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("inspection-departures-360.png")
	})
	b.checkConsole(t)
}

// checkAgency types a name in the search box of the register and submits it.
func (p *page) checkAgency(q string) {
	p.t.Helper()
	p.do(chromedp.Clear(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), q))
	p.follow("/agences", chromedp.Click(chromedp.CSS(`main form.search button`)))
}
