# Mobilité — the two commands of the README, and a few helpers.
.PHONY: run test build fmt vet

run:
	go run ./cmd/mobilite serve --demo

# Every test, on SQLite and PostgreSQL, browser tests included, with the race detector.
# scripts/test.sh installs or starts what the tests need first.
test:
	./scripts/test.sh

build:
	CGO_ENABLED=0 go build -trimpath -o mobilite ./cmd/mobilite

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	go vet ./...
