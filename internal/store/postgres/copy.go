package postgres

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/jackc/pgx/v5/stdlib"
)

// copyFrom loads rows into table through COPY … FROM STDIN, on the connection of the caller's
// transaction. The rows are width values each, in the order of columns; they are written in
// COPY's text format as pgconn reads them, a row at a time, into its own pooled buffers.
//
// An INSERT of 100 offers carried 250 KB of parameters, which pgx encodes into buffers it
// shrinks again after each statement: growing them back took a tenth of the application's
// processor during an ingestion (docs/PERFORMANCE.md, eighth round), and PostgreSQL inserts
// COPY's rows several to a page at a time.
func copyFrom(ctx context.Context, driverConn any, table, columns string, width int, values []any) error {
	c, ok := driverConn.(*stdlib.Conn)
	if !ok {
		return fmt.Errorf("postgres: copy into %s: the connection is a %T, not pgx's", table, driverConn)
	}
	if width <= 0 || len(values)%width != 0 {
		return fmt.Errorf("postgres: copy into %s: %d values are not rows of %d", table, len(values), width)
	}
	_, err := c.Conn().PgConn().CopyFrom(ctx, &copyReader{values: values, width: width},
		"COPY "+table+" ("+columns+") FROM STDIN")
	return err
}

// copyReader reads rows of values as COPY's text format: values separated by tabs, a row per
// line, NULL as \N, and backslash, tab, newline and carriage return escaped.
type copyReader struct {
	values []any
	width  int
	next   int    // the first value not encoded yet
	row    []byte // the row being read, reused
	unread []byte // what of row is left to read
}

func (r *copyReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(r.unread) == 0 {
			if r.next == len(r.values) {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
			row, err := appendCopyRow(r.row[:0], r.values[r.next:r.next+r.width])
			if err != nil {
				return n, err
			}
			r.next += r.width
			r.row, r.unread = row, row
		}
		c := copy(p[n:], r.unread)
		n += c
		r.unread = r.unread[c:]
	}
	return n, nil
}

// appendCopyRow appends one row of values in COPY's text format, newline included.
func appendCopyRow(b []byte, values []any) ([]byte, error) {
	for i, v := range values {
		if i > 0 {
			b = append(b, '\t')
		}
		switch v := v.(type) {
		case nil:
			b = append(b, `\N`...)
		case string:
			b = appendCopyText(b, v)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case int:
			b = strconv.AppendInt(b, int64(v), 10)
		case float64:
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		case bool:
			if v {
				b = append(b, 't')
			} else {
				b = append(b, 'f')
			}
		default:
			return b, fmt.Errorf("postgres: copy: no text form for a %T", v)
		}
	}
	return append(b, '\n'), nil
}

// appendCopyText appends s with COPY's escapes.
func appendCopyText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc byte
		switch s[i] {
		case '\\':
			esc = '\\'
		case '\t':
			esc = 't'
		case '\n':
			esc = 'n'
		case '\r':
			esc = 'r'
		default:
			continue
		}
		b = append(append(b, s[start:i]...), '\\', esc)
		start = i + 1
	}
	return append(b, s[start:]...)
}
