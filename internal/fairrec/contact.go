package fairrec

import (
	"bytes"
	"strings"
)

// messagingHosts are the sites whose links open a chat or a social network profile rather
// than an application form.
var messagingHosts = []string{
	"wa.me", "whatsapp.com", "whatsapp.net", "t.me", "telegram.me", "telegram.org", "telegram.dog",
	"facebook.com", "fb.com", "fb.me", "m.me", "messenger.com", "instagram.com", "tiktok.com",
	"viber.com", "vb.me", "signal.me", "signal.group", "imo.im", "wechat.com", "snapchat.com",
}

// Kinds of contact.
const (
	contactNone    = iota
	contactApply   // a web page or an e-mail address: a written, traceable way to apply
	contactMessage // a chat, a social network or a telephone
)

// classifyURL tells what kind of contact a link or an ApplyURL is.
func classifyURL(u string) int {
	u = strings.ToLower(strings.TrimSpace(u))
	switch {
	case u == "":
		return contactNone
	case strings.HasPrefix(u, "mailto:"):
		return contactApply
	case strings.HasPrefix(u, "tel:"), strings.HasPrefix(u, "sms:"), strings.HasPrefix(u, "whatsapp:"),
		strings.HasPrefix(u, "viber:"), strings.HasPrefix(u, "tg:"):
		return contactMessage
	case strings.HasPrefix(u, "#"), strings.HasPrefix(u, "javascript:"):
		return contactNone
	}
	if strings.Contains(u, "@") && !strings.Contains(u, "/") {
		return contactApply // an e-mail address given as the ApplyURL
	}
	host := u
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.IndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	if isMessagingHost(host) {
		return contactMessage
	}
	return contactApply
}

func isMessagingHost(host string) bool {
	for _, h := range messagingHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// hasEmail reports whether the folded text holds an e-mail address, written plainly
// ("rh@example.org") or in the forms used against spam ("rh [at] example.org", "rh(at)example.org").
func hasEmail(f []byte) bool {
	for i := 0; i < len(f); {
		k := bytes.IndexByte(f[i:], '@')
		if k < 0 {
			break
		}
		at := i + k
		if at > 0 && isLocalByte(f[at-1]) && domainAt(f, at+1) {
			return true
		}
		i = at + 1
	}
	for _, sep := range [...]string{"[at]", "(at)", "[arobase]", "(arobase)", " arobase "} {
		k := bytes.Index(f, []byte(sep))
		p := k
		for p > 0 && f[p-1] == ' ' {
			p--
		}
		if p > 0 && isLocalByte(f[p-1]) && domainAt(f, skipSpaces(f, k+len(sep))) {
			return true
		}
	}
	return false
}

func isLocalByte(c byte) bool {
	return 'a' <= c && c <= 'z' || isDigit(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%'
}

// domainAt reports whether a domain name ("example.org") starts at f[i].
func domainAt(f []byte, i int) bool {
	dot, last := -1, i
	for last < len(f) && ('a' <= f[last] && f[last] <= 'z' || isDigit(f[last]) || f[last] == '-' || f[last] == '.') {
		if f[last] == '.' {
			dot = last
		}
		last++
	}
	if dot < 0 || dot == i {
		return false
	}
	// The top-level domain: two letters or more after the last dot inside the name (a final
	// dot ends the sentence).
	for last > i && f[last-1] == '.' {
		last--
		dot = bytes.LastIndexByte(f[i:last], '.')
		if dot < 0 {
			return false
		}
		dot += i
	}
	tld := f[dot+1 : last]
	if len(tld) < 2 {
		return false
	}
	for _, c := range tld {
		if !('a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

// webLinks calls each with the start of every web address written in the folded text
// ("https://…", "www.…") and whether it leads to a messaging site.
func webLinks(f []byte, each func(at int, messaging bool)) {
	// The next "http" and "www." from i, searched again only once passed, so that a text made
	// of one of them does not search for the other at every step.
	nextHTTP, nextWWW := -1, -1
	next := func(i int, prev int, s string) int {
		if prev >= i || prev == len(f) {
			return prev
		}
		if k := bytes.Index(f[i:], []byte(s)); k >= 0 {
			return i + k
		}
		return len(f)
	}
	for i := 0; i < len(f); {
		nextHTTP, nextWWW = next(i, nextHTTP, "http"), next(i, nextWWW, "www.")
		at := min(nextHTTP, nextWWW)
		if at == len(f) {
			return
		}
		host := at
		switch {
		case hasPrefix(f[at:], "http://"):
			host = at + 7
		case hasPrefix(f[at:], "https://"):
			host = at + 8
		case !hasPrefix(f[at:], "www."):
			i = at + 4
			continue
		}
		end := host
		for end < len(f) && ('a' <= f[end] && f[end] <= 'z' || isDigit(f[end]) || f[end] == '-' || f[end] == '.') {
			end++
		}
		if at == 0 || !letterBefore(f, at) && !isDigit(f[at-1]) {
			name := bytes.TrimRight(f[host:end], ".")
			if bytes.IndexByte(name, '.') >= 0 {
				each(at, isMessagingHost(strings.TrimPrefix(string(name), "www.")))
			}
		}
		i = max(end, at+4)
	}
}

// phones calls each with the start of every telephone number in the folded text that may be a
// mobile one: a number written with "+" or "00" and eight digits or more, or eight to fifteen
// digits after a word that announces a number ("tél", "WhatsApp", "appelez", "call"…). Amounts
// are not numbers, and neither are Togolese fixed lines (+228 2x xx xx xx), which are offices.
func phones(d *doc, each func(at int)) {
	f := d.fold
	for k := 0; k < len(d.toks); k++ {
		i := int(d.toks[k].a)
		if !isDigit(f[i]) || i > 0 && letterBefore(f, i) {
			continue
		}
		lead := i
		if i > 0 && f[i-1] == '+' {
			i--
		}
		c := f[i]
		j, digits := lead, 0
		var num [16]byte // the digits, to tell a fixed line
		for j < len(f) {
			if isDigit(f[j]) {
				if digits < len(num) {
					num[digits] = f[j]
				}
				digits++
				j++
				continue
			}
			if (f[j] == ' ' || f[j] == '.' || f[j] == '-' || f[j] == '/' || f[j] == '(' || f[j] == ')') &&
				j+1 < len(f) && (isDigit(f[j+1]) || f[j+1] == '(' && j+2 < len(f) && isDigit(f[j+2])) {
				j++
				continue
			}
			break
		}
		for k+1 < len(d.toks) && int(d.toks[k+1].a) < j {
			k++
		}
		if digits < 8 || digits > 15 || j < len(f) && letterAt(f, j) {
			continue
		}
		local := string(num[:min(digits, len(num))])
		local = strings.TrimPrefix(strings.TrimPrefix(local, "00"), "228")
		if len(local) == 8 && local[0] == '2' && (digits == 8 || digits == 11 || digits == 13) {
			continue // a fixed line in Togo
		}
		international := c == '+' || hasPrefix(f[lead:], "00")
		if international || announcesPhone(f[max(0, i-40):i]) {
			if cur, _ := currencyAfter(f, j, d.country); cur == "" {
				each(i)
			}
		}
	}
}

// phoneWords announce a telephone number.
var phoneWords = [...]string{"tel", "phone", "mobile", "portable", "cell", "whatsapp", "numero", "number",
	"appel", "call", "contact", "joindre", "sms", "viber", "telegram", "imo", "signal"}

func announcesPhone(before []byte) bool {
	for _, w := range phoneWords {
		if bytes.Contains(before, []byte(w)) {
			return true
		}
	}
	return false
}
