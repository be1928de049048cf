package mobilite

import (
	"context"
	"time"
)

// PlanObjective is an objective of the strategic action plan on labour migration.
type PlanObjective struct {
	ID        int64
	Code      string // e.g. OS1
	TitleFR   string
	TitleEN   string
	Position  int
	Lines     []*PlanLine // filled by FindPlan
	CreatedAt time.Time
	UpdatedAt time.Time
}

// PlanLine is an indicator followed under an objective: its baseline, its targets by year and
// how it is verified. The actual values are computed from the indicator.
type PlanLine struct {
	ID             int64
	ObjectiveID    int64
	IndicatorID    string
	BaselineValue  *float64
	BaselineYear   int
	BaselineSource string
	Targets        map[int]float64 // year → target
	HigherBetter   bool            // a value above the target is on track (else below)
	Verification   string          // means of verification
	Responsible    string          // the body responsible
	Position       int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// PlanStore keeps the action plan.
type PlanStore interface {
	// FindPlan returns the objectives in order, each with its lines in order.
	FindPlan(ctx context.Context) ([]*PlanObjective, error)
	// SaveObjective creates (ID 0) or updates an objective; ECONFLICT on a code taken.
	SaveObjective(ctx context.Context, o *PlanObjective) error
	// SavePlanLine creates (ID 0) or updates a line; ECONFLICT when the objective already
	// follows the indicator; ENOTFOUND.
	SavePlanLine(ctx context.Context, l *PlanLine) error
	// DeletePlanLine removes a line. ENOTFOUND.
	DeletePlanLine(ctx context.Context, id int64) error
	// DeleteObjective removes an objective and its lines. ENOTFOUND.
	DeleteObjective(ctx context.Context, id int64) error
}

// CustomIndicator is an indicator added by a statistician: its definition as JSON.
type CustomIndicator struct {
	ID         string
	Definition string
	CreatedBy  int64
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// IndicatorStore keeps the indicators added by statisticians.
type IndicatorStore interface {
	// CreateIndicator inserts one; ECONFLICT when the id is taken.
	CreateIndicator(ctx context.Context, i *CustomIndicator) error
	// FindIndicators lists them by id.
	FindIndicators(ctx context.Context) ([]*CustomIndicator, error)
}
