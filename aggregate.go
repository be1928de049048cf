package mobilite

import (
	"context"
	"time"
)

// DataElement is a figure that other administrations send already counted (DHIS2's data
// element): work permits issued to foreign workers, nationals abroad…
type DataElement struct {
	ID              string
	NameFR, NameEN  string
	Disaggregations []string // among sex, isic, age
	PeriodType      string   // year, quarter, month
	OrgLevel        string   // country (TGO), region, prefecture, abroad (a country by alpha-3)
	CreatedAt       time.Time
}

// DataValue is one value of a data element.
type DataValue struct {
	ElementID string
	Period    string
	OrgUnit   string
	Category  string // ILOSTAT codes joined by "|", "" for the total
	Value     float64
	StoredBy  int64
	UpdatedAt time.Time
}

// AggregateStore keeps data elements and their values.
type AggregateStore interface {
	// SaveDataElement creates or replaces an element; FindDataElements lists them.
	SaveDataElement(ctx context.Context, e *DataElement) error
	FindDataElements(ctx context.Context) ([]*DataElement, error)
	// SaveDataValues writes values (a value already there for the same element, period, unit
	// and category is replaced), in one transaction.
	SaveDataValues(ctx context.Context, vs []DataValue) error
	// FindDataValues returns an element's values for the periods starting with prefix (a year
	// gives its quarters and months too).
	FindDataValues(ctx context.Context, elementID, periodPrefix string) ([]DataValue, error)
}
