// Package demo loads the small demonstration data set of `mobilite serve --demo`: the agency's
// regional offices and one account per role, so that a newcomer sees a living site at once.
// Loading is idempotent: what exists already is left alone.
package demo

import (
	"bytes"
	"context"
	"embed"
	"encoding/csv"
	"fmt"
	"io/fs"
	"time"

	"mobilite"
	"mobilite/internal/account"
)

//go:embed data/*.csv data/offers/*
var files embed.FS

// Password is the password of every demonstration account. It is printed in the README and on
// the log-in page of a demo site; never use --demo on a real deployment.
const Password = "demo-mobilite"

// Result says what a load created.
type Result struct{ Offices, Users int }

// Load creates the demo offices and accounts that do not exist yet, in one transaction.
func Load(ctx context.Context, s mobilite.Store, h *account.Hasher, now time.Time) (Result, error) {
	var res Result
	offices, err := readCSV("data/offices.csv")
	if err != nil {
		return res, err
	}
	users, err := readCSV("data/users.csv")
	if err != nil {
		return res, err
	}
	hash := h.Hash(Password)
	err = s.Tx(ctx, func(tx mobilite.Store) error {
		res = Result{}
		byCode := map[string]int64{}
		existing, err := tx.FindOffices(ctx)
		if err != nil {
			return err
		}
		for _, o := range existing {
			byCode[o.Code] = o.ID
		}
		for _, row := range offices {
			if _, ok := byCode[row["code"]]; ok {
				continue
			}
			o := &mobilite.Office{Code: row["code"], Name: row["name"], Region: row["region"], Country: row["country"],
				Town: row["town"], Active: true, CreatedAt: now, UpdatedAt: now}
			if err := o.Validate(); err != nil {
				return fmt.Errorf("demo: office %s: %w", o.Code, err)
			}
			if err := tx.CreateOffice(ctx, o); err != nil {
				return err
			}
			byCode[o.Code] = o.ID
			res.Offices++
		}
		for _, row := range users {
			if _, err := tx.FindUserByLogin(ctx, row["email"]); err == nil {
				continue
			} else if mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				return err
			}
			u := &mobilite.User{Email: row["email"], Name: row["name"], Role: mobilite.Role(row["role"]),
				OfficeID: byCode[row["office"]], Organization: row["organization"], Language: row["language"],
				PasswordHash: hash, CreatedAt: now, UpdatedAt: now}
			if err := u.Validate(); err != nil {
				return fmt.Errorf("demo: user %s: %w", u.Email, err)
			}
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
			res.Users++
		}
		return nil
	})
	return res, err
}

// Accounts lists the demo logins with their roles, for the log-in page of a demo site.
func Accounts() ([][2]string, error) {
	users, err := readCSV("data/users.csv")
	if err != nil {
		return nil, err
	}
	out := make([][2]string, len(users))
	for i, u := range users {
		out[i] = [2]string{u["email"], u["role"]}
	}
	return out, nil
}

// readCSV reads an embedded CSV file into maps keyed by the header.
func readCSV(name string) ([]map[string]string, error) {
	f, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
	if err != nil || len(rows) < 1 {
		return nil, fmt.Errorf("demo: %s: %v", name, err)
	}
	var out []map[string]string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out, nil
}
