package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mobilite"
	"mobilite/internal/survey"
)

// benchSurvey times the upload of a KoboToolbox CSV export of n submissions of the model
// questionnaire: validation with its report and the kept file (PrepareUpload), then the
// confirmed load in transactions of 1,000 (ConfirmUpload), as the web pages run them. It prints
// the times and the peak memory: the process's peak resident set and the peak Go heap sampled
// every 10 ms while the upload runs. The file is generated beforehand (not timed).
func benchSurvey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	var n int
	var seed uint64
	fs := newFlags("bench survey", stderr)
	dbFlags(fs, &c)
	fs.IntVar(&n, "n", 100000, "number of submissions in the file")
	fs.Uint64Var(&seed, "seed", 0, "seed of the generated file (default: the time, so that a second run adds new submissions)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the upload to this file (go tool pprof)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if n <= 0 {
		return fmt.Errorf("bench survey: need --n > 0")
	}
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	db, _, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now().UTC()
	staff := &mobilite.User{Email: "bench-survey-" + strconv.FormatUint(seed, 36) + "@mobilite.example", Name: "Bench",
		Role: mobilite.RoleStatistician, Language: "fr", PasswordHash: "x", CreatedAt: now, UpdatedAt: now}
	if err := db.CreateUser(ctx, staff); err != nil {
		return err
	}
	svc := &survey.Service{Store: db}
	model, err := survey.ModelForm()
	if err != nil {
		return err
	}
	sf, _, err := svc.ImportForm(ctx, staff, "modele.xlsx", model)
	if err != nil {
		return err
	}

	tmp, err := os.CreateTemp("", "mobilite-bench-survey-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if err := survey.WriteSample(w, n, seed, now); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	tmp.Close()
	data, err := os.ReadFile(tmp.Name())
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "bench survey: %d submissions, %.1f MB CSV, into %s\n", n, float64(len(data))/1e6, db.Engine())

	runtime.GC()
	var peakHeap atomic.Uint64
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peakHeap.Load() {
				peakHeap.Store(ms.HeapInuse)
			}
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	start := time.Now()
	up, rep, err := svc.PrepareUpload(ctx, staff, sf.ID, "bench.csv", data)
	if err != nil {
		return err
	}
	// Confirming is another request: the server no longer holds the file it received.
	data, up.Data = nil, nil
	checked := time.Since(start)
	var done atomic.Int64
	stop := progress(stderr, "submissions loaded", int64(rep.Valid), time.Now(), &done)
	res, err := svc.ConfirmUpload(ctx, staff, up.ID, func(d, _ int) { done.Store(int64(d)) })
	stop()
	if err != nil {
		return err
	}
	total := time.Since(start)
	close(quit)
	wg.Wait()

	fmt.Fprintf(stdout, "survey upload of %d submissions (%s):\n", n, db.Engine())
	fmt.Fprintf(stdout, "  validated and kept in %s (%d valid, %d problems)\n", checked.Round(time.Millisecond), rep.Valid, len(rep.Problems)+rep.More)
	fmt.Fprintf(stdout, "  loaded in %s (%d new, %d known)\n", (total - checked).Round(time.Millisecond), res.New, res.Known)
	fmt.Fprintf(stdout, "  total %s, %.0f submissions/s\n", total.Round(time.Millisecond), float64(n)/total.Seconds())
	fmt.Fprintf(stdout, "  peak Go heap in use %.0f MB, peak resident set of the process %s\n", float64(peakHeap.Load())/1e6, peakRSS())
	return nil
}

// peakRSS reads the peak resident set of the process (Linux), or says it is unknown.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if kb, err := strconv.Atoi(f[0]); err == nil {
				return fmt.Sprintf("%.0f MB", float64(kb)/1024)
			}
		}
	}
	return "unknown"
}
