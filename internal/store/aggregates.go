package store

import (
	"context"
	"strings"

	"mobilite"
)

// SaveDataElement creates or replaces a data element.
func (db *DB) SaveDataElement(ctx context.Context, e *mobilite.DataElement) error {
	_, err := db.exec(ctx, `INSERT INTO data_elements (id, name_fr, name_en, disaggregations, period_type, org_level, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name_fr = excluded.name_fr, name_en = excluded.name_en,
			disaggregations = excluded.disaggregations, period_type = excluded.period_type, org_level = excluded.org_level`,
		e.ID, e.NameFR, e.NameEN, strings.Join(e.Disaggregations, ","), e.PeriodType, e.OrgLevel, ts(e.CreatedAt))
	return db.fail("save data element", err)
}

// FindDataElements lists the data elements.
func (db *DB) FindDataElements(ctx context.Context) ([]*mobilite.DataElement, error) {
	rows, err := db.query(ctx, `SELECT id, name_fr, name_en, disaggregations, period_type, org_level, created_at FROM data_elements ORDER BY id`)
	if err != nil {
		return nil, db.fail("find data elements", err)
	}
	out, err := collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.DataElement, error) {
		e := &mobilite.DataElement{}
		var dis string
		err := r.Scan(&e.ID, &e.NameFR, &e.NameEN, &dis, &e.PeriodType, &e.OrgLevel, tm(&e.CreatedAt))
		if dis != "" {
			e.Disaggregations = strings.Split(dis, ",")
		}
		return e, err
	})
	return out, db.fail("find data elements", err)
}

// SaveDataValues upserts values in one transaction.
func (db *DB) SaveDataValues(ctx context.Context, vs []mobilite.DataValue) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		for _, v := range vs {
			if _, err := tx.exec(ctx, `INSERT INTO data_values (element_id, period, org_unit, category, value, stored_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (element_id, period, org_unit, category) DO UPDATE SET value = excluded.value,
					stored_by = excluded.stored_by, updated_at = excluded.updated_at`,
				v.ElementID, v.Period, v.OrgUnit, v.Category, v.Value, idOrNull(v.StoredBy), ts(v.UpdatedAt)); err != nil {
				return tx.fail("save data value", err)
			}
		}
		return nil
	})
}

// FindDataValues returns an element's values for the periods starting with a prefix.
func (db *DB) FindDataValues(ctx context.Context, elementID, prefix string) ([]mobilite.DataValue, error) {
	rows, err := db.query(ctx, `SELECT element_id, period, org_unit, category, value, stored_by, updated_at FROM data_values
		WHERE element_id = ? AND period LIKE ? ESCAPE '\' ORDER BY period, org_unit, category`, elementID, likePrefix(prefix))
	if err != nil {
		return nil, db.fail("find data values", err)
	}
	out, err := collect(rows, func(r interface{ Scan(...any) error }) (mobilite.DataValue, error) {
		var v mobilite.DataValue
		return v, r.Scan(&v.ElementID, &v.Period, &v.OrgUnit, &v.Category, &v.Value, id(&v.StoredBy), tm(&v.UpdatedAt))
	})
	return out, db.fail("find data values", err)
}

func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}
