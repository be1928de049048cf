package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"

	"mobilite"
)

// FindPlan returns the action plan's objectives with their lines.
func (db *DB) FindPlan(ctx context.Context) ([]*mobilite.PlanObjective, error) {
	rows, err := db.query(ctx, `SELECT id, code, title_fr, title_en, position, created_at, updated_at FROM plan_objectives ORDER BY position, code`)
	if err != nil {
		return nil, db.fail("find plan", err)
	}
	objs, err := collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.PlanObjective, error) {
		o := &mobilite.PlanObjective{}
		return o, r.Scan(&o.ID, &o.Code, &o.TitleFR, &o.TitleEN, &o.Position, tm(&o.CreatedAt), tm(&o.UpdatedAt))
	})
	if err != nil {
		return nil, db.fail("find plan", err)
	}
	byID := map[int64]*mobilite.PlanObjective{}
	for _, o := range objs {
		byID[o.ID] = o
	}
	rows, err = db.query(ctx, `SELECT id, objective_id, indicator_id, baseline_value, baseline_year, baseline_source, targets,
		higher_better, verification, responsible, position, created_at, updated_at FROM plan_lines ORDER BY position, id`)
	if err != nil {
		return nil, db.fail("find plan lines", err)
	}
	lines, err := collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.PlanLine, error) {
		l := &mobilite.PlanLine{}
		var base sql.NullFloat64
		var targets string
		if err := r.Scan(&l.ID, &l.ObjectiveID, &l.IndicatorID, &base, &l.BaselineYear, &l.BaselineSource, &targets,
			&l.HigherBetter, &l.Verification, &l.Responsible, &l.Position, tm(&l.CreatedAt), tm(&l.UpdatedAt)); err != nil {
			return nil, err
		}
		if base.Valid {
			l.BaselineValue = &base.Float64
		}
		l.Targets = map[int]float64{}
		var raw map[string]float64
		if err := json.Unmarshal([]byte(targets), &raw); err != nil {
			return nil, err
		}
		for y, v := range raw {
			if n, err := strconv.Atoi(y); err == nil {
				l.Targets[n] = v
			}
		}
		return l, nil
	})
	if err != nil {
		return nil, db.fail("find plan lines", err)
	}
	for _, l := range lines {
		if o := byID[l.ObjectiveID]; o != nil {
			o.Lines = append(o.Lines, l)
		}
	}
	return objs, nil
}

// SaveObjective creates or updates an objective.
func (db *DB) SaveObjective(ctx context.Context, o *mobilite.PlanObjective) error {
	if o.ID == 0 {
		var err error
		o.ID, err = db.insert(ctx, `INSERT INTO plan_objectives (code, title_fr, title_en, position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, o.Code, o.TitleFR, o.TitleEN, o.Position, ts(o.CreatedAt), ts(o.UpdatedAt))
		return db.fail("create objective", err)
	}
	res, err := db.exec(ctx, `UPDATE plan_objectives SET code = ?, title_fr = ?, title_en = ?, position = ?, updated_at = ? WHERE id = ?`,
		o.Code, o.TitleFR, o.TitleEN, o.Position, ts(o.UpdatedAt), o.ID)
	return db.affected("update objective", res, err)
}

func targetsJSON(t map[int]float64) string {
	raw := map[string]float64{}
	for y, v := range t {
		raw[strconv.Itoa(y)] = v
	}
	b, _ := json.Marshal(raw)
	return string(b)
}

// SavePlanLine creates or updates a line of the plan.
func (db *DB) SavePlanLine(ctx context.Context, l *mobilite.PlanLine) error {
	var base any
	if l.BaselineValue != nil {
		base = *l.BaselineValue
	}
	if l.ID == 0 {
		var err error
		l.ID, err = db.insert(ctx, `INSERT INTO plan_lines (objective_id, indicator_id, baseline_value, baseline_year, baseline_source,
			targets, higher_better, verification, responsible, position, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, l.ObjectiveID, l.IndicatorID, base, l.BaselineYear, l.BaselineSource,
			targetsJSON(l.Targets), l.HigherBetter, l.Verification, l.Responsible, l.Position, ts(l.CreatedAt), ts(l.UpdatedAt))
		return db.fail("create plan line", err)
	}
	res, err := db.exec(ctx, `UPDATE plan_lines SET indicator_id = ?, baseline_value = ?, baseline_year = ?, baseline_source = ?,
		targets = ?, higher_better = ?, verification = ?, responsible = ?, position = ?, updated_at = ? WHERE id = ?`,
		l.IndicatorID, base, l.BaselineYear, l.BaselineSource, targetsJSON(l.Targets), l.HigherBetter, l.Verification,
		l.Responsible, l.Position, ts(l.UpdatedAt), l.ID)
	return db.affected("update plan line", res, err)
}

// DeletePlanLine removes a line of the plan.
func (db *DB) DeletePlanLine(ctx context.Context, lineID int64) error {
	res, err := db.exec(ctx, `DELETE FROM plan_lines WHERE id = ?`, lineID)
	return db.affected("delete plan line", res, err)
}

// DeleteObjective removes an objective; its lines go with it (ON DELETE CASCADE).
func (db *DB) DeleteObjective(ctx context.Context, id int64) error {
	res, err := db.exec(ctx, `DELETE FROM plan_objectives WHERE id = ?`, id)
	return db.affected("delete objective", res, err)
}

// CreateIndicator inserts an indicator added by a statistician.
func (db *DB) CreateIndicator(ctx context.Context, i *mobilite.CustomIndicator) error {
	_, err := db.exec(ctx, `INSERT INTO custom_indicators (id, definition, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		i.ID, i.Definition, idOrNull(i.CreatedBy), ts(i.CreatedAt), ts(i.UpdatedAt))
	return db.fail("create indicator", err)
}

// FindIndicators lists the indicators added by statisticians.
func (db *DB) FindIndicators(ctx context.Context) ([]*mobilite.CustomIndicator, error) {
	rows, err := db.query(ctx, `SELECT id, definition, created_by, created_at, updated_at FROM custom_indicators ORDER BY id`)
	if err != nil {
		return nil, db.fail("find indicators", err)
	}
	out, err := collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.CustomIndicator, error) {
		i := &mobilite.CustomIndicator{}
		return i, r.Scan(&i.ID, &i.Definition, id(&i.CreatedBy), tm(&i.CreatedAt), tm(&i.UpdatedAt))
	})
	return out, db.fail("find indicators", err)
}
