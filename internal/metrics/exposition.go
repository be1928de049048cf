package metrics

import (
	"bytes"
	"math"
	"strconv"
	"strings"
)

// labelEscaper and helpEscaper apply the escapes of the text format 0.0.4:
// label values escape backslash, double quote and newline; HELP text only
// backslash and newline.
var (
	labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
)

// exposition accumulates the text format in memory, so a scrape is written
// in one piece and a bytes.Buffer never fails to write.
type exposition struct{ bytes.Buffer }

// family writes the HELP and TYPE lines that open a metric family.
func (e *exposition) family(name, typ, help string) {
	e.WriteString("# HELP " + name + " " + helpEscaper.Replace(help) + "\n")
	e.WriteString("# TYPE " + name + " " + typ + "\n")
}

// sample writes one sample line; labels alternate names and values.
func (e *exposition) sample(name, value string, labels ...string) {
	e.WriteString(name)
	if len(labels) > 0 {
		e.WriteByte('{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				e.WriteByte(',')
			}
			// The format requires UTF-8; a route is a pattern we wrote, but a
			// gauge or pool name could come from anywhere.
			value := labelEscaper.Replace(strings.ToValidUTF8(labels[i+1], "\uFFFD"))
			e.WriteString(labels[i] + `="` + value + `"`)
		}
		e.WriteByte('}')
	}
	e.WriteString(" " + value + "\n")
}

func uintValue(v uint64) string { return strconv.FormatUint(v, 10) }

// floatValue spells infinities and NaN the way the format expects.
func floatValue(v float64) string {
	switch {
	case math.IsInf(v, +1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
