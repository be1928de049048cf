package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mobilite"
	"mobilite/internal/seekers"
	"mobilite/internal/store/storetest"
)

// TestBrowserSeekers walks issue 4 in a real Chromium on a 360-px phone: a young woman signs up
// and registers (a mistake first), sees the offers proposed to her with their reasons, marks
// one applied, downloads her data and deletes her account. Then, on a shared computer of the
// Kara office, a counsellor registers a person who is already in the register, sees the
// duplicate and opens the existing record, and finishes: the next registration starts at once.
func TestBrowserSeekers(t *testing.T) {
	needChromium(t)
	s := startServer(t, "sqlite")
	s.ingestOffers(matchingOffers()...)
	// Someone registered at Kara last year: the counsellor will meet her again.
	existing := storetest.NewSeeker("+22870000001")
	existing.GivenName, existing.FamilyName, existing.NameKey = "Mawuena", "Adjoa", seekers.NameKey("Mawuena", "Adjoa")
	existing.Region, existing.Prefecture, existing.Channel = "TG-K", "Kozah", mobilite.ChannelAssisted
	existing.BirthDate = time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC)
	if err := s.DB.CreateSeeker(context.Background(), existing); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s.URL)

	const password = "karite-et-soleil-2026"
	var number string
	b.walk(t, "self-registration", 20*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Navigate(p.url("/inscription")))
		p.do(
			chromedp.SendKeys(chromedp.ID("f-name"), "Essi Kpatcha"),
			chromedp.SendKeys(chromedp.ID("f-login"), "90 44 55 66"),
			chromedp.SendKeys(chromedp.ID("f-password"), password),
		)
		p.follow("/compte/inscription", chromedp.Click(chromedp.CSS(`form[action="/inscription"] button`)))
		p.wantFlash("Bienvenue")
		p.wantHeading("Mon inscription de demandeur d'emploi")
		if got := valueOf(p, chromedp.ID("f-given_name")); got != "Essi" {
			p.t.Errorf("given name prefilled = %q", got)
		}
		p.do(
			chromedp.Click(chromedp.CSS(`input[name="sex"][value="F"]`)),
			chromedp.SetValue(chromedp.ID("f-birth_date"), "2019-05-04"), // a child: refused
			chromedp.SetValue(chromedp.ID("f-region"), "TG-K"),
			chromedp.SetValue(chromedp.ID("f-prefecture"), "Kozah"),
			chromedp.SetValue(chromedp.ID("f-isced_level"), "3"),
			chromedp.SendKeys(chromedp.ID("f-occ_isco_0"), "5321"),
			chromedp.SendKeys(chromedp.ID("f-occ_years_0"), "2"),
			chromedp.SendKeys(chromedp.ID("f-lang_0"), "fr"),
			chromedp.SetValue(chromedp.ID("f-level_0"), "C1"),
			chromedp.Click(chromedp.CSS(`input[name="migration_intent"][value="work"]`)),
			chromedp.SendKeys(chromedp.ID("f-pref_0"), "Belgique"),
			chromedp.Click(chromedp.CSS(`input[name="consent_processing"]`)),
			chromedp.Click(chromedp.CSS(`input[name="consent_share_cv"]`)),
		)
		if status := p.follow("/compte/inscription", chromedp.Click(chromedp.CSS(`form[action="/compte/inscription"] > button`))); status != 422 {
			p.t.Errorf("a child's registration: status %d, want 422", status)
		}
		if got := textOf(p, chromedp.ID("e-birth_date")); !strings.Contains(got, "15 ans") {
			p.t.Errorf("error at the birth date = %q", got)
		}
		if got := valueOf(p, chromedp.ID("f-occ_isco_0")); got != "5321" {
			p.t.Errorf("occupation after the error = %q, want it kept", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("seeker-register-error-360.png")
		p.do(chromedp.SetValue(chromedp.ID("f-birth_date"), "2001-05-04"))
		p.follow("/compte/inscription", chromedp.Click(chromedp.CSS(`form[action="/compte/inscription"] > button`)))
		p.wantFlash("Vous êtes inscrit")
		number = textOf(p, chromedp.CSS("strong.number"))
		if !strings.HasPrefix(number, "TG-") {
			p.t.Fatalf("registration number = %q", number)
		}
		p.wantNoSidewaysScroll()
		p.shot("seeker-registered-360.png")
	})

	b.walk(t, "offers-for-me", 12*time.Second, func(p *page) {
		p.follow("/compte/offres-pour-moi", chromedp.Click(headerLink("Offres pour moi")))
		p.wantHeading("Offres pour moi")
		first := textOf(p, chromedp.CSS("ol.offers > li:first-child h2"))
		if first != "Aide-soignant en maison de repos (H/F)" {
			p.t.Errorf("first offer for me = %q", first)
		}
		reasons := textOf(p, chromedp.CSS("ol.offers > li:first-child"))
		for _, want := range []string{"Même métier que dans le profil : Aides-soignants", "Pays parmi les préférences : Belgique"} {
			if !strings.Contains(reasons, want) {
				p.t.Errorf("reasons of the first offer lack %q: %q", want, reasons)
			}
		}
		if got := textOf(p, chromedp.CSS("body")); !strings.Contains(got, "Langue demandée : anglais (C1), absente du profil") {
			p.t.Error("no reason against shown for the English-speaking offer")
		}
		p.wantNoSidewaysScroll()
		p.shot("seeker-offers-for-me-360.png")
		p.follow("/compte/offres-pour-moi", chromedp.Click(chromedp.CSS(`ol.offers > li:first-child form button`)))
		p.wantFlash("Candidature enregistrée")
		if got := textOf(p, chromedp.CSS("ol.offers > li:first-child .badge")); got != "A postulé" {
			p.t.Errorf("badge after applying = %q", got)
		}
		p.follow("/compte/candidatures", chromedp.Click(headerLink("Mes candidatures")))
		p.do(chromedp.SetValue(chromedp.CSS("table select"), "interview"))
		p.follow("/compte/candidatures", chromedp.Click(chromedp.CSS("table form button")))
		p.wantFlash("Candidature enregistrée")
		p.shot("seeker-applications-360.png")
	})

	b.walk(t, "download-and-delete", 12*time.Second, func(p *page) {
		p.follow("/compte", chromedp.Click(headerLink("Mon compte")))
		// What the download link gives, read as the browser gets it.
		data, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`fetch("/compte/donnees").then(r => r.text())`, chromedp.EvalAwaitPromise))
		if err != nil {
			p.t.Fatalf("download the data: %v", err)
		}
		for _, want := range []string{number, "+22890445566", `"status": "interview"`, "Aide-soignant en maison de repos"} {
			if !strings.Contains(data, want) {
				p.t.Errorf("downloaded data lack %q", want)
			}
		}
		p.do(chromedp.SendKeys(chromedp.ID("f-delete_password"), password))
		p.follow("/", chromedp.Click(chromedp.CSS(`form[action="/compte/supprimer"] button`)))
		p.wantFlash("supprimé")
		sk, err := s.DB.FindSeekerByNumber(p.ctx, number)
		if err != nil || sk.Status != mobilite.SeekerDeleted || sk.GivenName != "" || sk.Phone != "" || sk.Sex != "F" {
			p.t.Errorf("after deletion the record is %+v (%v)", sk, err)
		}
	})

	b.walk(t, "kiosk-duplicate", 20*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(1024, 768), chromedp.Navigate(p.url("/connexion")))
		p.logIn("conseillere.kara@mobilite.example", "demo-mobilite", 200, "/compte")
		p.do(chromedp.Navigate(p.url("/borne")))
		p.do(chromedp.SendKeys(chromedp.ID("f-name"), "Kara, accueil"))
		p.follow("/borne", chromedp.Click(chromedp.CSS(`form[action="/borne/activer"] button`)))
		p.wantFlash("maintenant une borne")
		p.wantHeading("Nouvelle inscription")
		p.follow("/connexion", chromedp.Click(chromedp.Search(`//a[normalize-space()="Se connecter pour une inscription assistée"]`)))
		p.logIn("conseillere.kara@mobilite.example", "demo-mobilite", 200, "/conseiller/inscription")
		p.do(
			chromedp.SendKeys(chromedp.ID("f-given_name"), "ADJOA"), // the same person, names swapped
			chromedp.SendKeys(chromedp.ID("f-family_name"), "Mawuéna"),
			chromedp.Click(chromedp.CSS(`input[name="sex"][value="F"]`)),
			chromedp.SetValue(chromedp.ID("f-birth_date"), "2000-02-29"),
			chromedp.SendKeys(chromedp.ID("f-phone"), "99 88 77 66"),
			chromedp.SetValue(chromedp.ID("f-region"), "TG-K"),
			chromedp.Click(chromedp.CSS(`input[name="consent_processing"]`)),
		)
		if status := p.follow("/conseiller/inscription", chromedp.Click(chromedp.CSS(`form[action="/conseiller/inscription"] > button`))); status != 409 {
			p.t.Errorf("duplicate at the kiosk: status %d, want 409", status)
		}
		dup := textOf(p, chromedp.CSS(`section.warning`))
		if !strings.Contains(dup, existing.Number) || !strings.Contains(dup, "même nom et même date de naissance") {
			p.t.Errorf("duplicate shown = %q", dup)
		}
		if got := attrOf(p, chromedp.CSS(`main form.form`), "autocomplete"); got != "off" {
			p.t.Errorf("the kiosk's form lets the browser remember: autocomplete=%q", got)
		}
		p.shot("kiosk-duplicate.png")
		p.follow(fmt.Sprintf("/conseiller/demandeurs/%d", existing.ID), chromedp.Click(chromedp.Search(`//section[contains(@class,"warning")]//a[normalize-space()="ouvrir ce dossier"]`)))
		p.wantHeading("Mawuena Adjoa")
		p.shot("kiosk-existing-record.png")
		p.follow("/borne", chromedp.Click(chromedp.Search(`//div[@class="kiosk"]//button[normalize-space()="Terminer"]`)))
		p.wantHeading("Nouvelle inscription")
		if got := evaluate[int](p, `document.querySelectorAll('header form[action="/deconnexion"]').length`); got != 0 {
			p.t.Error("the counsellor is still logged in after Finish")
		}
		if got := evaluate[string](p, `document.cookie`); got != "" {
			p.t.Errorf("cookies readable by the page on a kiosk: %q", got)
		}
		p.shot("kiosk-next-registration.png")
	})
	b.checkConsole(t)
}
