package main

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"mobilite/internal/demo"
)

// TestBrowserJobs walks the job portal in a real headless Chromium, as a French-speaking visitor
// would, on the demo offers: a search typed without accents or in capitals, the country filter
// of the phone layout and its chip, an offer's page (deadline, no-fee badge, share field,
// JobPosting for search engines), the Atom feed of a search, a report of an offer with and
// without a reason, and the inspector's moderation queue. It writes screenshots to outDir.
func TestBrowserJobs(t *testing.T) {
	needChromium(t)
	start := time.Now()
	s := startServer(t, "sqlite")
	b := newBrowser(t, s.URL)
	// Deferred, so that they run after a failed step too.
	defer func() {
		b.checkConsole(t)
		if took := time.Since(start); took > browserBudget {
			t.Logf("browser test took %s, over its budget of %s", took.Round(time.Millisecond), browserBudget)
		}
	}()

	const (
		unicef      = "Spécialiste de la protection de l'enfance (P-3)"
		electrician = "Électricien bâtiment"
		driver      = "Chauffeur poids lourds (permis C/CE)"
		held        = "Femme de ménage – départ rapide"
		comment     = "Le recruteur m'a demandé 50 000 F de frais de dossier par WhatsApp."
		inspector   = "inspection@mobilite.example"
	)
	var offerPath string // the UNICEF offer's page, found by the search

	// A results page follows new offers with Server-Sent Events; leaving it must end the stream,
	// or a browser that keeps the page in its back/forward cache holds one of its six
	// connections to the site per page, and after a few searches the site stops answering.
	b.walk(t, "live-stream", 6*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Navigate(p.url("/")))
		p.searchFor("chauffeur")
		if !within(2*time.Second, func() bool { return s.Hub.Subscribers() == 1 }) {
			p.t.Fatalf("the results page follows %d streams of new offers, want 1", s.Hub.Subscribers())
		}
		p.follow("/", chromedp.Click(headerLink("Accueil")))
		if within(2*time.Second, func() bool { return s.Hub.Subscribers() == 0 }) {
			return
		}
		// The page left keeps streaming: live.js does not close its EventSource on pagehide.
		// Close the streams of the pages the test leaves from now on, so that the rest of the
		// walk does not wait for a free connection.
		p.t.Errorf("a results page left behind still streams new offers (%d open streams): internal/web/static/live.js must close its EventSource on pagehide, or after six searches the browser has no connection left for the site", s.Hub.Subscribers())
		if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument,
			cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: closeStreamsOnPagehide}); err != nil {
			p.t.Fatalf("browser: %v", err)
		}
	})

	b.walk(t, "search", 10*time.Second, func(p *page) {
		p.do(chromedp.Navigate(p.url("/")))
		p.wantHeading("Travailler à l'étranger, légalement et en sécurité")
		// Typed without accents, as on a phone keyboard set to English.
		p.searchFor("specialiste protection enfance")
		if got := resultTitles(p); !slices.Equal(got, []string{unicef}) {
			p.t.Errorf("search %q lists %q, want only %q", "specialiste protection enfance", got, unicef)
		}
		if got := textOf(p, chromedp.ID("count")); got != "1 offre ouverte" {
			p.t.Errorf("count = %q, want %q", got, "1 offre ouverte")
		}
		p.wantNoSidewaysScroll()
		p.shot("offers-360.png")

		for _, words := range []string{"électricien", "ELECTRICIEN"} {
			p.searchFor(words)
			if got := resultTitles(p); !slices.Contains(got, electrician) {
				p.t.Errorf("search %q lists %q, want %q among them", words, got, electrician)
			}
		}
	})

	b.walk(t, "filter-country", 8*time.Second, func(p *page) {
		p.follow("/offres", chromedp.Click(headerLink("Offres")))
		all := textOf(p, chromedp.ID("count"))
		// On a phone the filters fold into a <details>; the desktop aside is hidden.
		if d := display(p, "aside.facets"); d != "none" {
			p.t.Errorf("at 360 px the facets aside is shown (display %q), want only the folded panel", d)
		}
		filter := chromedp.Search(`//details[contains(@class,"narrow-only")]/summary`)
		if got := textOf(p, filter); got != "Filtrer" {
			p.t.Errorf("filter panel summary = %q, want %q", got, "Filtrer")
		}
		p.do(chromedp.Click(filter))
		if !evaluate[bool](p, `document.querySelector("details.narrow-only").open`) {
			p.t.Fatalf("a click on %q does not open the filter panel", "Filtrer")
		}
		p.follow("/offres", chromedp.Click(chromedp.Search(`//details[contains(@class,"narrow-only")]//a[normalize-space()="Allemagne"]`)))
		if got := evaluate[string](p, `new URLSearchParams(location.search).get("country") || ""`); got != "DEU" {
			p.t.Errorf("after a click on Allemagne, country=%q in the address, want DEU", got)
		}
		if got := resultTitles(p); !slices.Equal(got, []string{driver}) {
			p.t.Errorf("offers in Germany: %q, want only %q", got, driver)
		}
		if got := textOf(p, chromedp.ID("count")); got != "1 offre ouverte" {
			p.t.Errorf("count in Germany = %q, want %q", got, "1 offre ouverte")
		}
		if got := evaluate[string](p, `[...document.querySelectorAll("details.narrow-only a[aria-current]")].map(a => a.textContent.trim()).join("|")`); got != "Allemagne" {
			p.t.Errorf("facet links marked current: %q, want %q", got, "Allemagne")
		}
		chips := evaluate[[]string](p, `[...document.querySelectorAll("ul.chips a")].map(a => a.innerText.trim())`)
		if len(chips) != 1 || !strings.HasPrefix(chips[0], "Allemagne") {
			p.t.Fatalf("filter chips = %q, want one for Allemagne", chips)
		}
		p.wantNoSidewaysScroll()

		p.follow("/offres", chromedp.Click(chromedp.Search(`//ul[contains(@class,"chips")]//a[starts-with(normalize-space(),"Allemagne")]`)))
		if got := evaluate[string](p, `location.search`); got != "" {
			p.t.Errorf("after removing the only filter the address keeps %q", got)
		}
		if n := evaluate[int](p, `document.querySelectorAll("ul.chips li").length`); n != 0 {
			p.t.Errorf("%d filter chips left after removing the filter", n)
		}
		if got := textOf(p, chromedp.ID("count")); got != all {
			p.t.Errorf("count after removing the filter = %q, want %q as before", got, all)
		}
	})

	b.walk(t, "facets-1280", 6*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(1280, 900), chromedp.Reload())
		p.searchFor("protection")
		if d := display(p, "aside.facets"); d == "none" {
			p.t.Errorf("at 1280 px the facets aside is hidden")
		}
		if d := display(p, "details.facets"); d != "none" {
			p.t.Errorf("at 1280 px the folded filter panel is shown too (display %q)", d)
		}
		if got := textOf(p, chromedp.Search(`//aside[contains(@class,"facets")]/h2`)); got != "Filtrer" {
			p.t.Errorf("aside heading = %q, want %q", got, "Filtrer")
		}
		p.wantNoSidewaysScroll()
		p.shot("offers-1280.png")
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Reload())
	})

	b.walk(t, "offer", 6*time.Second, func(p *page) {
		link := chromedp.Search(fmt.Sprintf(`//ol[@id="offers"]//h2/a[normalize-space()=%q]`, unicef))
		offerPath = attrOf(p, link, "href")
		p.follow(offerPath, chromedp.Click(link))
		p.wantHeading(unicef)
		deadline := textOf(p, chromedp.Search(`//dl[contains(@class,"facts")]/dt[normalize-space()="Date limite"]/following-sibling::dd[1]`))
		if !regexp.MustCompile(`\(\d+ jours restants\)$`).MatchString(deadline) {
			p.t.Errorf("deadline line = %q, want it to end with (N jours restants)", deadline)
		}
		if got := textOf(p, chromedp.Search(`//article[contains(@class,"offer")]//span[contains(@class,"badge")]`)); got != "Sans frais" {
			p.t.Errorf("badge = %q, want %q", got, "Sans frais")
		}
		pageURL := p.url(offerPath)
		if got := valueOf(p, chromedp.ID("share-url")); got != pageURL {
			p.t.Errorf("share field = %q, want the offer's address %q", got, pageURL)
		}
		if !evaluate[bool](p, `document.getElementById("share-url").readOnly`) {
			p.t.Errorf("the share field can be edited, want it read-only")
		}
		wa, err := url.Parse(attrOf(p, chromedp.CSS(`section.share a[href^="https://wa.me/"]`), "href"))
		if err != nil || !strings.Contains(wa.Query().Get("text"), unicef) || !strings.HasSuffix(wa.Query().Get("text"), pageURL) {
			p.t.Errorf("WhatsApp share link: %v (%v), want the title and the address in its text", wa, err)
		}

		// Search engines read the offer as a schema.org JobPosting; JSON.parse throws on bad JSON.
		ld := evaluate[struct {
			Count int            `json:"count"`
			LD    map[string]any `json:"ld"`
		}](p, `(() => {
			const s = document.querySelectorAll('script[type="application/ld+json"]');
			return {count: s.length, ld: s.length ? JSON.parse(s[0].textContent) : null};
		})()`)
		if ld.Count != 1 {
			p.t.Fatalf("%d JSON-LD scripts on the offer page, want 1", ld.Count)
		}
		org, _ := ld.LD["hiringOrganization"].(map[string]any)
		if ld.LD["@type"] != "JobPosting" || ld.LD["title"] != unicef || ld.LD["url"] != pageURL || org["name"] != "UNICEF" || ld.LD["validThrough"] == nil {
			p.t.Errorf("JSON-LD = %v, want a JobPosting of %q at %s by UNICEF with validThrough", ld.LD, unicef, pageURL)
		}
		p.wantNoSidewaysScroll()
		p.shot("offer-360.png")
	})

	b.walk(t, "report", 10*time.Second, func(p *page) {
		summary := chromedp.Search(`//details[@id="signaler"]/summary[normalize-space()="Signaler cette offre"]`)
		submit := chromedp.Search(`//details[@id="signaler"]//button[normalize-space()="Envoyer le signalement"]`)
		p.do(
			chromedp.Click(summary),
			chromedp.Click(chromedp.Search(`//details[@id="signaler"]//label[normalize-space()="On demande de l'argent aux candidats"]`)),
			chromedp.SendKeys(chromedp.ID("f-comment"), comment),
		)
		if got := evaluate[string](p, `(document.querySelector('#signaler input[name="reason"]:checked') || {}).value || ""`); got != "fee" {
			p.t.Fatalf("a click on the reason's label checks %q, want fee", got)
		}
		p.follow(offerPath, chromedp.Click(submit))
		p.wantFlash("Merci : votre signalement a été transmis à l'ANPE.")
		if n := evaluate[int](p, `[...document.querySelectorAll("main .flash")].filter(e => e.textContent.includes("Merci")).length`); n != 1 {
			p.t.Errorf("the thanks for the report is shown %d times, want once", n)
		}
		p.shot("reported-360.png")
		p.wantHeading(unicef)

		reports, total, err := s.DB.FindJobReports(p.ctx, "open", 0, 10)
		if err != nil {
			p.t.Fatalf("reports: %v", err)
		}
		found := false
		for _, r := range reports {
			found = found || (strings.HasSuffix(offerPath, fmt.Sprintf("/%d", r.JobID)) && r.Reason == "fee" && r.Comment == comment)
		}
		if !found {
			p.t.Errorf("open reports (%d): %+v, want one of %s for fee with the comment", total, reports, offerPath)
		}

		// Without a reason: the browser would refuse the form, so take away its check to test the
		// server's.
		p.do(chromedp.Click(summary), chromedp.SendKeys(chromedp.ID("f-comment"), "Sans raison"))
		if n := evaluate[int](p, `(() => {
			const r = document.querySelectorAll('#signaler input[name="reason"]');
			r.forEach(e => e.removeAttribute("required"));
			return r.length;
		})()`); n == 0 {
			p.t.Fatalf("no reason buttons in the report form")
		}
		if status := p.follow(offerPath+"/signaler", chromedp.Click(submit)); status != 422 {
			p.t.Errorf("report without a reason: status %d, want 422", status)
		}
		p.wantHeading("Signaler une offre")
		if got := textOf(p, chromedp.CSS(`fieldset.invalid .error`)); got != "Choisissez une raison." {
			p.t.Errorf("error next to the reasons = %q, want %q", got, "Choisissez une raison.")
		}
		if got := valueOf(p, chromedp.ID("f-comment")); got != "Sans raison" {
			p.t.Errorf("comment after the error = %q, want it kept", got)
		}
		if _, after, err := s.DB.FindJobReports(p.ctx, "open", 0, 10); err != nil || after != total {
			p.t.Errorf("open reports after a refused report: %d (%v), want %d", after, err, total)
		}
		p.wantNoSidewaysScroll()
	})

	b.walk(t, "moderation", 8*time.Second, func(p *page) {
		p.follow("/connexion", chromedp.Click(headerLink("Se connecter")))
		p.logIn(inspector, demo.Password, 200, "/compte")
		p.follow("/moderation", chromedp.Click(headerLink("Modération")))
		p.wantHeading("Modération")
		card := fmt.Sprintf(`//section[@aria-labelledby="held-h"]//article[.//h3/a[normalize-space()=%q]]`, held)
		flags := evaluate[[]string](p, fmt.Sprintf(`(() => {
			const card = document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
			return card ? [...card.querySelectorAll("li strong")].map(s => s.textContent.trim()) : null;
		})()`, card))
		if flags == nil {
			p.t.Fatalf("the held offer %q is not in the moderation queue", held)
		}
		for _, want := range []string{"Des frais demandés au candidat", "Paiement par transfert d'argent",
			"Passeport gardé par l'employeur", "Voyage avec un visa de touriste"} {
			if !slices.Contains(flags, want) {
				p.t.Errorf("flags of the held offer: %q, want %q among them", flags, want)
			}
		}
		textOf(p, chromedp.Search(card+`//button[normalize-space()="Publier"]`))
		textOf(p, chromedp.Search(card+`//button[normalize-space()="Refuser"]`))
		if got := textOf(p, chromedp.Search(fmt.Sprintf(`//section[@aria-labelledby="rep-h"]//article[.//h3/a[normalize-space()=%q]]//blockquote`, unicef))); got != comment {
			p.t.Errorf("report in the queue says %q, want %q", got, comment)
		}
		p.wantNoSidewaysScroll()
		p.shot("moderation-360.png")
	})

	b.walk(t, "feed", 6*time.Second, func(p *page) {
		p.follow("/offres", chromedp.Click(headerLink("Offres")))
		p.searchFor("protection")
		titles, links := resultTitles(p), evaluate[[]string](p, `[...document.querySelectorAll("#offers .offer-card h2 a")].map(a => a.href)`)
		if len(titles) < 2 {
			p.t.Fatalf("search %q lists %q, want several offers to compare with the feed", "protection", titles)
		}
		feed := chromedp.Search(`//section[contains(@class,"follow")]//a[normalize-space()="Flux Atom de cette recherche (sans compte)"]`)
		href := attrOf(p, feed, "href")
		if want := "/offres/flux.atom?q=protection"; href != want {
			p.t.Errorf("feed link = %q, want %q", href, want)
		}
		if alt := attrOf(p, chromedp.CSS(`link[rel="alternate"][type="application/atom+xml"]`), "href"); alt != href {
			p.t.Errorf("<link rel=alternate> = %q, want the same feed as the link %q", alt, href)
		}
		resp, err := chromedp.RunResponse(p.ctx, chromedp.Click(feed))
		if err != nil {
			p.t.Fatalf("browser: open the feed: %v", err)
		}
		ct, _ := resp.Headers["Content-Type"].(string)
		if resp.Status != 200 || !strings.HasPrefix(ct, "application/atom+xml") {
			p.t.Fatalf("feed: status %d, Content-Type %q, want 200 application/atom+xml", resp.Status, ct)
		}
		// Chromium shows a feed as plain text (or, in some versions, as an XML document):
		// parse what it received, as a feed reader would.
		f := evaluate[struct {
			Root    string   `json:"root"`
			NS      string   `json:"ns"`
			Title   string   `json:"title"`
			Titles  []string `json:"titles"`
			Links   []string `json:"links"`
			Invalid bool     `json:"invalid"`
		}](p, `(() => {
			const ns = "http://www.w3.org/2005/Atom";
			const doc = document.documentElement.localName === "feed" ? document
				: new DOMParser().parseFromString(document.body.textContent, "application/xml");
			const root = doc.documentElement;
			const child = (e, name) => [...e.children].find(c => c.namespaceURI === ns && c.localName === name);
			const entries = [...root.children].filter(c => c.namespaceURI === ns && c.localName === "entry");
			return {
				root: root.localName, ns: root.namespaceURI || "",
				title: (child(root, "title") || {}).textContent || "",
				titles: entries.map(e => (child(e, "title") || {}).textContent || ""),
				links: entries.map(e => (child(e, "link") || {getAttribute: () => ""}).getAttribute("href")),
				invalid: doc.getElementsByTagName("parsererror").length > 0,
			};
		})()`)
		if f.Root != "feed" || f.NS != "http://www.w3.org/2005/Atom" || f.Invalid {
			p.t.Fatalf("the feed is <%s xmlns=%q> (parse error: %v), want an Atom <feed>", f.Root, f.NS, f.Invalid)
		}
		if want := "Mobilité : offres « protection »"; f.Title != want {
			p.t.Errorf("feed title = %q, want %q", f.Title, want)
		}
		// The feed is sorted newest first, the page by relevance: compare the sets.
		if !sameSet(f.Titles, titles) || !sameSet(f.Links, links) {
			p.t.Errorf("feed entries %q, want the offers of the search %q", f.Titles, titles)
		}
	})
}

// walk runs f as a sub-test with its own deadline, like step, but stops the test only when f
// could not finish (Fatal, or its deadline): a wrong text or a missing badge is reported and the
// visitor's walk goes on, so that one run names every fault.
func (b *testBrowser) walk(t *testing.T, name string, limit time.Duration, f func(p *page)) {
	t.Helper()
	finished := false
	t.Run(name, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(b.ctx, limit)
		defer cancel()
		f(&page{t: t, ctx: ctx, b: b})
		finished = true
	})
	if !finished {
		t.FailNow()
	}
}

// searchFor types words in the page's search box and submits them, as a visitor does, then checks
// that the results page kept them in its box.
func (p *page) searchFor(words string) {
	p.t.Helper()
	p.do(chromedp.Clear(chromedp.ID("q")), chromedp.SendKeys(chromedp.ID("q"), words))
	p.follow("/offres", chromedp.Click(chromedp.CSS(`main form.search button`)))
	if got := valueOf(p, chromedp.ID("q")); got != words {
		p.t.Errorf("search box after searching %q holds %q", words, got)
	}
}

// resultTitles lists the titles of the offers on a results page, in their order.
func resultTitles(p *page) []string {
	p.t.Helper()
	return evaluate[[]string](p, `[...document.querySelectorAll("#offers .offer-card h2 a")].map(a => a.textContent.trim())`)
}

// display is the computed CSS display of the first element matching a CSS selector ("" if none).
func display(p *page, css string) string {
	p.t.Helper()
	return evaluate[string](p, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? getComputedStyle(e).display : ""; })()`, css))
}

// wantNoSidewaysScroll checks that the page fits the width of the screen, and names the first
// elements that stick out.
func (p *page) wantNoSidewaysScroll() {
	p.t.Helper()
	w := evaluate[struct {
		Scroll   int      `json:"scroll"`
		Client   int      `json:"client"`
		Overflow []string `json:"overflow"`
	}](p, `(() => {
		const w = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll("body *")]
			.filter(e => e.getBoundingClientRect().right > w + 0.5)
			.slice(0, 5)
			.map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).trim().replace(/\s+/g, ".") : ""));
		return {scroll: document.documentElement.scrollWidth, client: w, overflow: wide};
	})()`)
	if w.Scroll > w.Client {
		path := evaluate[string](p, `location.pathname`)
		p.t.Errorf("%s scrolls sideways: scrollWidth %d (clientWidth %d); too wide: %v", path, w.Scroll, w.Client, w.Overflow)
	}
}

// within polls ok every 20 ms for at most d and reports whether it became true.
func within(d time.Duration, ok func() bool) bool {
	for end := time.Now().Add(d); ; time.Sleep(20 * time.Millisecond) {
		if ok() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}

// closeStreamsOnPagehide closes a page's EventSource streams when the visitor leaves it, as
// live.js should: the test's stand-in for that fix, added to every new page.
const closeStreamsOnPagehide = `(() => {
	const Native = window.EventSource;
	if (!Native) return;
	const open = new Set();
	window.EventSource = class extends Native {
		constructor(...args) { super(...args); open.add(this); }
	};
	addEventListener("pagehide", () => open.forEach(s => s.close()));
})();`

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
