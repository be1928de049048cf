package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/locale"
	"mobilite/internal/store/sqlite"
)

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	fs := newFlags("migrate", stderr)
	dbFlags(fs, &c)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, _, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "database is up to date (%s)\n", db.Engine())
	return nil
}

func runUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var c Config
	var email, phone, name, role, officeCode, org, lang string
	var token bool
	fs := newFlags("user add", stderr)
	dbFlags(fs, &c)
	fs.StringVar(&email, "email", "", "e-mail (login)")
	fs.StringVar(&phone, "phone", "", "phone number (login of a seeker without e-mail)")
	fs.StringVar(&name, "name", "", "full name (default: the e-mail)")
	fs.StringVar(&role, "role", "", "admin, counsellor, inspector, statistician, partner or seeker")
	fs.StringVar(&officeCode, "office", "", "office code of a counsellor")
	fs.StringVar(&org, "org", "", "organisation of a partner")
	fs.StringVar(&lang, "lang", "fr", "language: fr or en")
	fs.BoolVar(&token, "token", false, "also create an API token and print it")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, _, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()

	// The password comes on stdin (one line), so that it does not show in the process list.
	password, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return fmt.Errorf("read password: %w", err)
	}
	password = strings.TrimRight(password, "\r\n")
	if password == "" {
		return fmt.Errorf("give the password on standard input, e.g. echo 'a long password' | mobilite user add …")
	}
	if name == "" {
		name = email + phone
	}
	var officeID int64
	if officeCode != "" {
		offices, err := db.FindOffices(ctx)
		if err != nil {
			return err
		}
		for _, o := range offices {
			if strings.EqualFold(o.Code, officeCode) {
				officeID = o.ID
			}
		}
		if officeID == 0 {
			return fmt.Errorf("no office with code %q", officeCode)
		}
	}
	svc := account.New(db, account.DefaultHasher(), locale.MustLoad(), "", time.Now)
	u, err := svc.CreateUser(ctx, nil, account.NewUser{Email: email, Phone: phone, Name: name, Role: mobilite.Role(role),
		OfficeID: officeID, Organization: org, Language: lang, Password: password})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "created %s account %d for %s\n", u.Role, u.ID, u.Login())
	if token {
		raw, _, err := svc.CreateToken(ctx, u, "command line")
		if err != nil {
			return describe(err)
		}
		fmt.Fprintf(stdout, "API token (shown once): %s\n", raw)
	}
	return nil
}

// describe turns a validation error into words for the terminal, in English.
func describe(err error) error {
	fields := mobilite.ErrorFields(err)
	if len(fields) == 0 {
		return err
	}
	p := locale.MustLoad().Printer("en")
	var parts []string
	for _, f := range fields {
		parts = append(parts, fmt.Sprintf("--%s: %s", f.Field, p.T(f.Key)))
	}
	return fmt.Errorf("%s", strings.Join(parts, "; "))
}

func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	var to string
	fs := newFlags("backup", stderr)
	dbFlags(fs, &c)
	fs.StringVar(&to, "to", "", "file to write the copy to (must not exist)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if c.postgres() {
		return fmt.Errorf("for PostgreSQL, use pg_dump: pg_dump --format=custom --file=mobilite.dump %q", c.DB)
	}
	if to == "" {
		return fmt.Errorf("--to FILE is required")
	}
	db, _, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := sqlite.Backup(ctx, db.SQL(), to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s in %s\n", to, time.Since(start).Round(time.Millisecond))
	return nil
}
