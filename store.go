package mobilite

import "context"

// Store is everything the platform keeps, on one database engine.
type Store interface {
	UserStore
	AuthStore
	OfficeStore
	AuditStore
	OutboxStore
	JobStore
	SeekerStore
	CVStore
	MatchStore
	FlowStore
	PlanStore
	IndicatorStore
	AggregateStore
	SurveyStore
	RegulationStore

	// Tx runs fn in one transaction: fn's store writes all land or none does. A Tx inside fn
	// joins the outer transaction.
	Tx(ctx context.Context, fn func(Store) error) error
	// Ping checks that the database answers; EUNAVAILABLE otherwise.
	Ping(ctx context.Context) error
	// Engine names the engine: "sqlite" or "postgres".
	Engine() string
}
