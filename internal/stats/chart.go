package stats

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"strconv"
	"strings"
)

// Colours of the series, each with a contrast of at least 4.5:1 on white (WCAG AA for text, so
// also for the bars, which need 3:1), and distinguishable by colour-blind readers in the first
// pairs (blue / orange).
var seriesColours = []string{"#1f4e79", "#a0460d", "#2e6b30", "#6a1b9a", "#8b1a1a", "#00606b", "#5d4037", "#37474f"}

const (
	textColour  = "#1a1a1a"
	mutedColour = "#595959" // 7:1 on white
	chartFont   = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
)

// bar is one bar of the chart.
type bar struct {
	label  string // the category (1-D) or the series (2-D)
	series int
	pub    published
}

// group is the bars of one category of the first dimension.
type group struct {
	label string
	bars  []bar
}

// BarChart draws a horizontal bar chart of a table as inline SVG: one bar per category of a
// one-dimension table, or, for two dimensions, one group per category of the first dimension
// with one bar per category of the second (a legend names them). Totals are not drawn (they would
// flatten the bars) but are given in the text alternative. The SVG has role="img", a <title> and
// a <desc> that lists every value, scales to its container through its viewBox (width is the
// width it is laid out for, in px; 360 to 720 reads well, and under 320 is raised to 320), uses
// only system fonts, presentation attributes (no style attribute, for the site's CSP) and no
// script. A suppressed cell is drawn as a dashed gap labelled "masqué"/"suppressed"; a cell
// without data is labelled "pas de données"/"no data". Labels are in French ("fr", the
// default) or English ("en"). A table without dimensions is drawn as one bar; of a table with
// more than two, only the first two dimensions are drawn (the others at their totals).
func BarChart(t *Table, lang string, width int) template.HTML {
	if width < 320 {
		width = 320
	}
	groups := chartGroups(t, lang)
	var series []string
	if len(t.Dims) >= 2 {
		for _, c := range t.Dims[1].Codes {
			series = append(series, t.Dims[1].Label(c, lang))
		}
	}

	const (
		pad      = 8
		font     = 13
		labelH   = 18 // a label line above a bar
		barH     = 16
		rowGap   = 6
		groupGap = 10
		valueW   = 96 // room right of the longest bar for its value
	)
	top := 0.0
	for _, g := range groups {
		for _, b := range g.bars {
			if b.pub.ok && b.pub.value > top {
				top = b.pub.value
			}
		}
	}
	// In a two-way chart the series name sits left of each bar.
	seriesW := 0
	if len(series) > 0 {
		longest := 0
		for _, s := range series {
			longest = max(longest, len([]rune(s)))
		}
		seriesW = min(width/3, 8+longest*7)
	}
	plotX := pad + seriesW
	plotW := width - plotX - pad - valueW

	var body strings.Builder
	y := pad
	if len(series) > 0 { // legend
		x := pad
		for i, s := range series {
			w := 20 + len([]rune(s))*7 + 12
			if x+w > width-pad && x > pad {
				x = pad
				y += labelH
			}
			fmt.Fprintf(&body, `<rect x="%d" y="%d" width="12" height="12" fill="%s"/>`, x, y+2, colour(i))
			fmt.Fprintf(&body, `<text x="%d" y="%d">%s</text>`, x+16, y+12, esc(s))
			x += w
		}
		y += labelH + groupGap
	}
	for _, g := range groups {
		fmt.Fprintf(&body, `<text x="%d" y="%d" font-weight="bold">%s</text>`, pad, y+13, esc(truncate(g.label, (width-2*pad)/7)))
		y += labelH
		for _, b := range g.bars {
			if len(series) > 0 {
				fmt.Fprintf(&body, `<text x="%d" y="%d" fill="%s">%s</text>`, pad, y+12, mutedColour, esc(truncate(b.label, seriesW/7)))
			}
			switch {
			case b.pub.ok:
				w := 0.0
				if top > 0 && b.pub.value > 0 {
					w = b.pub.value / top * float64(plotW)
				}
				fmt.Fprintf(&body, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>`, plotX, y, w, barH, colour(b.series))
				text := groupDigits(t.formatValue(b.pub.value, lang), lang)
				if t.Rate {
					text += "\u00a0%"
				}
				if b.pub.status == StatusLowN {
					text += " *"
				}
				fmt.Fprintf(&body, `<text x="%.1f" y="%d">%s</text>`, float64(plotX)+w+4, y+12, esc(text))
			case b.pub.status == StatusSuppressed:
				fmt.Fprintf(&body, `<rect x="%d" y="%d" width="28" height="%d" fill="none" stroke="%s" stroke-dasharray="3 2"/>`, plotX, y+1, barH-2, mutedColour)
				fmt.Fprintf(&body, `<text x="%d" y="%d" fill="%s" font-style="italic">%s</text>`, plotX+34, y+12, mutedColour, esc(StatusLabel(StatusSuppressed, lang)))
			default:
				fmt.Fprintf(&body, `<text x="%d" y="%d" fill="%s" font-style="italic">%s</text>`, plotX, y+12, mutedColour, esc(StatusLabel(b.pub.status, lang)))
			}
			y += barH + rowGap
		}
		y += groupGap
	}
	// A note on the rule, under the bars, when something was withheld or flagged.
	if t.Rule != "" {
		for _, line := range wrap(ruleOrNone(t, lang), (width-2*pad)/6) {
			fmt.Fprintf(&body, `<text x="%d" y="%d" fill="%s" font-size="11">%s</text>`, pad, y+11, mutedColour, esc(line))
			y += 15
		}
	}
	height := y + pad

	id := chartID(t)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="%s-t %s-d" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" font-family="%s" font-size="%d" fill="%s">`,
		id, id, width, height, chartFont, font, textColour)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title>`, id, esc(chartTitle(t, lang)))
	fmt.Fprintf(&b, `<desc id="%s-d">%s</desc>`, id, esc(chartDesc(t, lang)))
	b.WriteString(body.String())
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) //nolint:gosec // every text is escaped above
}

func chartGroups(t *Table, lang string) []group {
	switch len(t.Dims) {
	case 0:
		return []group{{label: t.Indicator, bars: []bar{{pub: t.publish(nil)}}}}
	case 1:
		g := group{label: DimName(t.Dims[0].ID, lang)}
		for _, c := range t.Dims[0].Codes {
			g.bars = append(g.bars, bar{label: t.Dims[0].Label(c, lang), pub: t.publish([]string{c})})
		}
		// One group whose bars carry their own labels: draw each label above its bar.
		out := make([]group, 0, len(g.bars))
		for _, b := range g.bars {
			out = append(out, group{label: b.label, bars: []bar{b}})
		}
		return out
	}
	d0, d1 := t.Dims[0], t.Dims[1]
	rest := make([]string, len(t.Dims)-2)
	for i := range rest {
		rest[i] = Total
	}
	out := make([]group, 0, len(d0.Codes))
	for _, r := range d0.Codes {
		g := group{label: d0.Label(r, lang)}
		for j, c := range d1.Codes {
			codes := append([]string{r, c}, rest...)
			g.bars = append(g.bars, bar{label: d1.Label(c, lang), series: j, pub: t.publish(codes)})
		}
		out = append(out, g)
	}
	return out
}

func chartTitle(t *Table, lang string) string {
	name := t.Indicator
	if t.Title != "" {
		name = t.Title
	}
	parts := []string{name, t.Period}
	for _, d := range t.Dims {
		parts = append(parts, DimName(d.ID, lang))
	}
	by := text(lang, "stats.chart.by")
	if len(t.Dims) == 0 {
		return name + " (" + t.Period + ")"
	}
	return name + " (" + t.Period + ")" + by + strings.Join(parts[2:], " × ")
}

// chartDesc is the text alternative: every value, the totals included, and the rule.
func chartDesc(t *Table, lang string) string {
	var b strings.Builder
	unit := UnitLabel(t.Unit, lang)
	colon := text(lang, "stats.chart.colon")
	sep := text(lang, "stats.chart.sep")
	val := func(p published) string {
		if !p.ok {
			return StatusLabel(p.status, lang)
		}
		s := groupDigits(t.formatValue(p.value, lang), lang)
		if t.Rate {
			s += "\u00a0%"
		}
		if p.status != "" {
			s += " (" + StatusLabel(p.status, lang) + ")"
		}
		return s
	}
	fmt.Fprintf(&b, "%s, %s.", chartTitle(t, lang), unit)
	var lines []string
	for _, codes := range t.Order() {
		var names []string
		for i, c := range codes {
			names = append(names, t.Dims[i].Label(c, lang))
		}
		label := strings.Join(names, ", ")
		if label == "" {
			label = text(lang, "stats.head.value")
		}
		lines = append(lines, label+colon+val(t.publish(codes)))
	}
	b.WriteString(" ")
	b.WriteString(strings.Join(lines, sep))
	b.WriteString(".")
	if t.Rule != "" {
		b.WriteString(" " + text(lang, "stats.head.rule") + colon + RuleText(t.Rule, lang) + ".")
	}
	return b.String()
}

// chartID names the chart's title and description uniquely enough for a page showing several
// charts.
func chartID(t *Table) string {
	h := fnv.New32a()
	h.Write([]byte(t.Indicator + "|" + t.Period))
	for _, d := range t.Dims {
		h.Write([]byte("|" + d.ID))
	}
	return "chart-" + strconv.FormatUint(uint64(h.Sum32()), 36)
}

func colour(i int) string { return seriesColours[i%len(seriesColours)] }

func esc(s string) string { return template.HTMLEscapeString(s) }

// truncate shortens a label to n characters, with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if n < 2 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// wrap cuts a text into lines of at most n characters, at spaces.
func wrap(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > n {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
