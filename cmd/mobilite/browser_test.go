package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"mobilite"
)

// chromiumPath is where CI installs the browser of the end-to-end test.
const chromiumPath = "/usr/bin/chromium"

// needChromium skips a browser test on a machine without Chromium; in CI it fails instead.
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test: %s is missing (%v); CI must install chromium", chromiumPath, err)
		}
		t.Skipf("browser test skipped: %s is missing (%v); install chromium to run it", chromiumPath, err)
	}
}

// browserBudget is the time the whole browser test should take: 15s to start Chromium, 45s
// shared by the steps. Going over is reported, not failed: speed is measured by benchmarks, and a
// loaded machine running every package at once may take longer; each step's own limit catches a
// page that hangs.
const browserBudget = 60 * time.Second

// TestBrowser walks the site in a real headless Chromium, as a French-speaking visitor would:
// home page on a phone and a desktop, sign-up with a mistake, log out and in, the language
// switch, a password reset through the outbox, and the skip link with the keyboard. It writes
// screenshots to outDir for a person to look at.
func TestBrowser(t *testing.T) {
	needChromium(t)
	start := time.Now()
	s := startServer(t, "sqlite")
	b := newBrowser(t, s.URL)

	const (
		name        = "Akossiwa Mensah"
		email       = "akossiwa.mensah@example.org"
		password    = "soleil-levant-sur-lome"
		newPassword = "harmattan-du-matin-2026"
	)

	b.step(t, "home", 10*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Navigate(p.url("/")))
		p.wantHeading("Travailler à l'étranger, légalement et en sécurité")
		p.wantLang("fr")
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
		if w.Scroll > 360 {
			p.t.Errorf("at 360 px the page scrolls sideways: scrollWidth %d (clientWidth %d); too wide: %v", w.Scroll, w.Client, w.Overflow)
		}
		p.shot("home-360.png")

		p.do(chromedp.EmulateViewport(1280, 900), chromedp.Reload())
		p.wantHeading("Travailler à l'étranger, légalement et en sécurité")
		p.shot("home-1280.png")
		// The rest of the walk is on a phone, the screen most visitors have.
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Reload())
	})

	b.step(t, "signup", 8*time.Second, func(p *page) {
		p.follow("/inscription", chromedp.Click(headerLink("S'inscrire")))
		p.do(
			chromedp.SendKeys(chromedp.ID("f-name"), name),
			chromedp.SendKeys(chromedp.ID("f-login"), email),
			chromedp.SendKeys(chromedp.ID("f-password"), "abc"),
		)
		if status := p.follow("/inscription", chromedp.Click(chromedp.CSS(`form[action="/inscription"] button`))); status != 422 {
			p.t.Errorf("short password: status %d, want 422", status)
		}
		if got := textOf(p, chromedp.ID("e-password")); !strings.Contains(got, "au moins 8 caractères") {
			p.t.Errorf("error next to the password = %q, want it to say %q", got, "au moins 8 caractères")
		}
		if got := attrOf(p, chromedp.ID("f-password"), "aria-describedby"); !strings.Contains(got, "e-password") {
			p.t.Errorf("password field aria-describedby = %q: a screen reader does not read the error", got)
		}
		if got := valueOf(p, chromedp.ID("f-name")); got != name {
			p.t.Errorf("name after the error = %q, want %q kept", got, name)
		}
		if got := valueOf(p, chromedp.ID("f-login")); got != email {
			p.t.Errorf("e-mail after the error = %q, want %q kept", got, email)
		}
		if got := valueOf(p, chromedp.ID("f-password")); got != "" {
			p.t.Errorf("password sent back to the browser after the error: %q", got)
		}
		p.shot("signup-error.png")

		p.do(chromedp.SendKeys(chromedp.ID("f-password"), password))
		p.follow("/compte/inscription", chromedp.Click(chromedp.CSS(`form[action="/inscription"] button`)))
		p.wantFlash("Bienvenue")
		p.wantHeading("Mon inscription de demandeur d'emploi")
	})

	b.step(t, "logout-login", 7*time.Second, func(p *page) {
		p.follow("/", chromedp.Click(headerButton("Se déconnecter")))
		p.wantFlash("Vous êtes déconnecté")
		p.follow("/connexion", chromedp.Click(headerLink("Se connecter")))
		p.logIn(email, "pas-le-bon-mot-de-passe", 401, "/connexion")
		p.wantAlert("Identifiant ou mot de passe incorrect")
		p.logIn("", password, 200, "/compte")
		p.wantHeading("Mon compte")
	})

	b.step(t, "language", 6*time.Second, func(p *page) {
		p.follow("/", chromedp.Click(headerLink("Accueil")))
		p.follow("/", chromedp.Click(headerLink("English")))
		p.wantLang("en")
		p.wantHeading("Work abroad, legally and safely")
		textOf(p, headerButton("Log out")) // still logged in, and the header is English too
		p.shot("english.png")
		p.follow("/", chromedp.Click(headerLink("Français")))
		p.wantLang("fr")
		p.wantHeading("Travailler à l'étranger, légalement et en sécurité")
	})

	b.step(t, "password-reset", 9*time.Second, func(p *page) {
		p.follow("/", chromedp.Click(headerButton("Se déconnecter")))
		p.follow("/connexion", chromedp.Click(headerLink("Se connecter")))
		p.follow("/mot-de-passe/oubli", chromedp.Click(chromedp.Search(`//main//a[normalize-space()="Mot de passe oublié ?"]`)))
		p.do(chromedp.SendKeys(chromedp.ID("f-login"), email))
		p.follow("/mot-de-passe/oubli", chromedp.Click(chromedp.CSS(`form[action="/mot-de-passe/oubli"] button`)))
		if got := textOf(p, chromedp.CSS("main .flash")); !strings.Contains(got, "Si un compte correspond") {
			p.t.Errorf("after asking for a link the page says %q", got)
		}

		link := resetLink(p, s.DB, email)
		p.do(chromedp.Navigate(p.url(link)))
		p.wantHeading("Nouveau mot de passe")
		p.do(chromedp.SendKeys(chromedp.ID("f-password"), newPassword))
		p.follow("/connexion", chromedp.Click(chromedp.CSS(`form[action="/mot-de-passe/nouveau"] button`)))
		p.wantFlash("Votre mot de passe est changé")
		p.shot("reset-done.png")

		p.logIn(email, password, 401, "/connexion")
		p.wantAlert("Identifiant ou mot de passe incorrect")
		p.logIn("", newPassword, 200, "/compte")
		p.wantHeading("Mon compte")
	})

	b.step(t, "keyboard", 5*time.Second, func(p *page) {
		p.do(chromedp.Navigate(p.url("/")), chromedp.KeyEvent("\t"))
		f := evaluate[struct {
			Class string  `json:"class"`
			Text  string  `json:"text"`
			Href  string  `json:"href"`
			Left  float64 `json:"left"`
		}](p, `(() => {
			const e = document.activeElement;
			return {class: e.className || "", text: e.textContent.trim(), href: e.getAttribute("href") || "", left: e.getBoundingClientRect().left};
		})()`)
		if f.Text != "Aller au contenu" || f.Href != "#main" {
			p.t.Fatalf("first Tab focuses %q (class %q, href %q), want the skip link %q", f.Text, f.Class, f.Href, "Aller au contenu")
		}
		if f.Left < 0 {
			p.t.Errorf("the focused skip link is off screen (left %.0f px)", f.Left)
		}
		p.do(chromedp.KeyEvent("\r"))
		moved, err := chromedp.Run(p.ctx, chromedp.Poll[bool](
			`location.hash === "#main" && document.activeElement && document.activeElement.id === "main"`,
			chromedp.WithPollingTimeout(2*time.Second)))
		if err != nil || !moved {
			where := evaluate[string](p, `location.hash + " / focus on " + document.activeElement.tagName + "#" + document.activeElement.id`)
			p.t.Errorf("Enter on the skip link: %s, want #main / focus on MAIN#main (%v)", where, err)
		}
	})

	b.checkConsole(t)
	if took := time.Since(start); took > browserBudget {
		t.Logf("browser test took %s, over its budget of %s", took.Round(time.Millisecond), browserBudget)
	}
}

// testBrowser is one headless Chromium tab shared by the steps of TestBrowser.
type testBrowser struct {
	ctx  context.Context // the tab, with no deadline: each step adds its own
	base string
	out  string

	mu      sync.Mutex
	console []string // errors the pages wrote to the console
}

// newBrowser starts Chromium with the flags CI allows and a fresh profile, as a visitor whose
// browser asks for French. The browser stops when the test ends.
func newBrowser(t *testing.T, base string) *testBrowser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	b := &testBrowser{ctx: ctx, base: base, out: outDir(t)}

	// The browser's life is bound to the context of its first call, so it gets no deadline;
	// the start itself is bounded by a watchdog.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start chromium: %v", err)
		}
	case <-time.After(15 * time.Second):
		cancel()
		t.Fatalf("start chromium: no answer after 15s")
	}

	// Headless Chromium asks for English; a visitor in Lomé asks for French.
	version, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatalf("browser version: %v", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: version.UserAgent, AcceptLanguage: "fr-TG,fr;q=0.9"}); err != nil {
		t.Fatalf("accept-language: %v", err)
	}
	if err := chromedp.Listen(ctx, b.record); err != nil {
		t.Fatalf("listen to the console: %v", err)
	}
	return b
}

// record keeps the console errors, uncaught exceptions and failed files (style sheet, icon) of
// the pages. It runs in the tab's
// event loop, so it only appends.
func (b *testBrowser) record(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		msg = "console.error"
	case *cdplog.EventEntryAdded:
		// Network entries include the 422 and 401 pages the test asks for; sub-resources are
		// checked below.
		if ev.Entry.Level != cdplog.EntryLevelError || ev.Entry.Source == cdplog.EntrySourceNetwork {
			return
		}
		msg = fmt.Sprintf("%s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
	case *network.EventResponseReceived:
		if ev.Type == network.ResourceTypeDocument || ev.Response.Status < 400 {
			return
		}
		msg = fmt.Sprintf("%s %s: status %d", ev.Type, ev.Response.URL, ev.Response.Status)
	case *network.EventLoadingFailed:
		if ev.Type == network.ResourceTypeDocument || ev.Canceled {
			return
		}
		msg = fmt.Sprintf("%s failed to load: %s", ev.Type, ev.ErrorText)
	default:
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.console = append(b.console, msg)
}

// checkConsole fails the test if a page logged an error (a missing file, a script error, a
// blocked resource).
func (b *testBrowser) checkConsole(t *testing.T) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		t.Errorf("browser console: %s", m)
	}
}

// step runs f as a sub-test with its own deadline. The steps build on each other, so the first
// failure stops the test.
func (b *testBrowser) step(t *testing.T, name string, limit time.Duration, f func(p *page)) {
	t.Helper()
	ok := t.Run(name, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(b.ctx, limit)
		defer cancel()
		f(&page{t: t, ctx: ctx, b: b})
	})
	if !ok {
		t.FailNow()
	}
}

// page is what a step uses to drive the tab: every helper fails the step on error.
type page struct {
	t   *testing.T
	ctx context.Context
	b   *testBrowser
}

// url makes a path absolute on the test server.
func (p *page) url(path string) string { return p.b.base + path }

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// follow runs the action (a click on a link or a button), waits for the next page and checks
// that it is at wantPath; it returns the HTTP status of that page.
func (p *page) follow(wantPath string, action chromedp.Action[chromedp.Void]) int {
	p.t.Helper()
	resp, err := chromedp.RunResponse(p.ctx, action)
	if err != nil {
		p.t.Fatalf("browser: waiting for %s: %v", wantPath, err)
	}
	u, err := url.Parse(resp.URL)
	if err != nil {
		p.t.Fatalf("browser: response URL %q: %v", resp.URL, err)
	}
	if u.Path != wantPath {
		p.t.Fatalf("landed on %s (status %d), want %s", resp.URL, resp.Status, wantPath)
	}
	return int(resp.Status)
}

// logIn fills the log-in form (login "" keeps what the field holds) and submits it.
func (p *page) logIn(login, password string, wantStatus int, wantPath string) {
	p.t.Helper()
	if login != "" {
		p.do(chromedp.Clear(chromedp.ID("f-login")), chromedp.SendKeys(chromedp.ID("f-login"), login))
	} else if valueOf(p, chromedp.ID("f-login")) == "" {
		p.t.Fatalf("the log-in form forgot the identifier after an error")
	}
	p.do(chromedp.SendKeys(chromedp.ID("f-password"), password))
	if status := p.follow(wantPath, chromedp.Click(chromedp.CSS(`form[action="/connexion"] button`))); status != wantStatus {
		p.t.Errorf("log in with %q: status %d, want %d", password, status, wantStatus)
	}
}

func textOf[S chromedp.Selectable](p *page, sel S) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Text(sel, chromedp.NodeVisible))
	if err != nil {
		p.t.Fatalf("browser: text of %v: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func valueOf[S chromedp.Selectable](p *page, sel S) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Value(sel))
	if err != nil {
		p.t.Fatalf("browser: value of %v: %v", sel, err)
	}
	return s
}

func attrOf[S chromedp.Selectable](p *page, sel S, name string) string {
	p.t.Helper()
	a, err := chromedp.Run(p.ctx, chromedp.AttributeValue(sel, name))
	if err != nil {
		p.t.Fatalf("browser: %s of %v: %v", name, sel, err)
	}
	return a.Value
}

// wantHeading checks the visible h1.
func (p *page) wantHeading(want string) {
	p.t.Helper()
	if got := textOf(p, chromedp.CSS("h1")); got != want {
		p.t.Errorf("heading = %q, want %q", got, want)
	}
}

// wantFlash checks the message shown at the top of the page.
func (p *page) wantFlash(want string) {
	p.t.Helper()
	if got := textOf(p, chromedp.CSS("main > .flash")); !strings.Contains(got, want) {
		p.t.Errorf("message = %q, want it to contain %q", got, want)
	}
}

// wantAlert checks the error shown at the top of the page, as an alert (not a green message).
func (p *page) wantAlert(want string) {
	p.t.Helper()
	if got := textOf(p, chromedp.CSS(`main > .errors[role="alert"]`)); !strings.Contains(got, want) {
		p.t.Errorf("alert = %q, want it to contain %q", got, want)
	}
}

// wantLang checks <html lang>, which screen readers use to pick their voice.
func (p *page) wantLang(want string) {
	p.t.Helper()
	if got := evaluate[string](p, `document.documentElement.lang`); got != want {
		p.t.Errorf("<html lang> = %q, want %q", got, want)
	}
}

// shot writes a full-page PNG to the output folder.
func (p *page) shot(name string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(p.b.out, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
}

// evaluate runs a JavaScript expression in the page and decodes its value.
func evaluate[T any](p *page, js string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		p.t.Fatalf("browser: evaluate %.60q: %v", js, err)
	}
	return v
}

// headerLink selects a link of the site header by the text a person reads.
func headerLink(text string) chromedp.Search {
	return chromedp.Search(fmt.Sprintf(`//header//a[normalize-space()=%q]`, text))
}

// headerButton selects a button of the site header by its text.
func headerButton(text string) chromedp.Search {
	return chromedp.Search(fmt.Sprintf(`//header//button[normalize-space()=%q]`, text))
}

// resetLinkRE finds the reset link in the body of the e-mail.
var resetLinkRE = regexp.MustCompile(`https?://\S+/mot-de-passe/nouveau\?token=\S+`)

// resetLink reads the newest reset e-mail to email from the outbox and returns its link's path
// and query: the server's base URL names port 0, the port it was asked for, not the one it got.
func resetLink(p *page, db mobilite.OutboxStore, email string) string {
	p.t.Helper()
	msgs, _, err := db.FindMessages(p.ctx, mobilite.OutboxFilter{To: email, Limit: 5})
	if err != nil {
		p.t.Fatalf("outbox: %v", err)
	}
	if len(msgs) == 0 {
		p.t.Fatalf("outbox: no message to %s", email)
	}
	m := msgs[0]
	if want := "Mobilité : choisir un nouveau mot de passe"; m.Subject != want {
		p.t.Errorf("e-mail subject = %q, want %q", m.Subject, want)
	}
	raw := resetLinkRE.FindString(m.Body)
	if raw == "" {
		p.t.Fatalf("no reset link in the e-mail:\n%s", m.Body)
	}
	u, err := url.Parse(raw)
	if err != nil {
		p.t.Fatalf("reset link %q: %v", raw, err)
	}
	return u.RequestURI()
}
