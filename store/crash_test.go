package store_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"casebook/store"
)

// The crash test runs this test binary again as a child process that writes
// through the real store code and reports each committed write on stdout.
const crashChildEnv = "CASEBOOK_CRASH_CHILD"

// TestCrashChild is the child's body; as a normal test it has nothing to do.
func TestCrashChild(t *testing.T) {
	spec := os.Getenv(crashChildEnv)
	if spec == "" {
		return
	}
	mode, path, _ := strings.Cut(spec, ":")
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		line, err := crashStep(ctx, st, mode, i)
		if err != nil {
			fmt.Fprintln(out, "error", err)
			out.Flush()
			os.Exit(1)
		}
		fmt.Fprintln(out, line) // only after the commit returned
		out.Flush()
		if mode == "paced" {
			time.Sleep(5 * time.Millisecond) // as a person annotating, not a loop
		}
	}
}

// crashStep writes once: a highlight, or a re-import of the case with one
// of two texts (which keeps its highlights, re-anchored).
func crashStep(ctx context.Context, st *store.Store, mode string, i int) (string, error) {
	if mode == "reimport" && i%2 == 1 {
		c := crashCase(i)
		return "case " + c.Text("practice")[:8], st.PutCases(ctx, store.OriginImport, []store.Case{c})
	}
	a, err := st.Annotate(ctx, store.Highlight{CaseID: "crash-case", Section: "abstract", Start: i % 40, End: i%40 + 5,
		Memo: fmt.Sprintf("note %d ő", i), Author: "crash"})
	return "annotation " + a.ID, err
}

// crashCase is the case the children write to; the practice text varies.
func crashCase(i int) store.Case {
	c := sample("crash-case", "Crash case")
	c.Sections = []store.Section{
		{Key: "abstract", Text: strings.Repeat("Abstract words that stay the same. ", 4)},
		{Key: "practice", Text: fmt.Sprintf("version%d ", i%2) + strings.Repeat("a long practice text ", 400)},
	}
	return c
}

func TestKilledWritersLoseNothing(t *testing.T) {
	for _, mode := range []string{"annotate", "reimport"} {
		t.Run(mode, func(t *testing.T) { killRepeatedly(t, mode, 30) })
	}
}

func killRepeatedly(t *testing.T, mode string, kills int) {
	ctx := context.Background()
	st := openEmpty(t)
	put(t, st, crashCase(0))
	path := st.Path()
	committed := map[string]bool{}
	for k := 0; k < kills; k++ {
		for _, line := range runAndKill(t, mode, path, time.Duration(20+rand.IntN(120))*time.Millisecond) {
			if id, ok := strings.CutPrefix(line, "annotation "); ok {
				committed[id] = true
			}
		}
	}
	if len(committed) < kills {
		t.Fatalf("only %d writes were reported in %d runs", len(committed), kills)
	}
	after, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	if err := after.Check(ctx); err != nil {
		t.Fatal(err)
	}
	list, _ := after.Annotations(ctx, "crash-case")
	present := map[string]bool{}
	for _, a := range list {
		present[a.ID] = true
	}
	for id := range committed {
		if !present[id] {
			t.Errorf("annotation %s was reported committed and is lost", id)
		}
	}
	c, err := after.Case(ctx, "crash-case")
	if err != nil || !strings.HasPrefix(c.Text("practice"), "version") || len(c.Text("practice")) != len(crashCase(0).Text("practice")) {
		t.Errorf("the case is half-written after the kills: %v", err)
	}
	t.Logf("%d kills, %d committed writes checked", kills, len(committed))
}

// runAndKill starts a child writer, lets it run, kills it with SIGKILL and
// returns the lines it printed (each one a committed write).
func runAndKill(t *testing.T, mode, path string, after time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+mode+":"+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		// Only whole lines count: the kill may cut the last one short.
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				break
			}
			lines <- strings.TrimSuffix(line, "\n")
		}
		close(lines)
	}()
	time.Sleep(after)
	cmd.Process.Signal(syscall.SIGKILL)
	var got []string
	for l := range lines {
		if strings.HasPrefix(l, "error") {
			t.Fatalf("child: %s", l)
		}
		got = append(got, l)
	}
	cmd.Wait()
	return got
}

// TestTwoProcessesShareACatalogue runs a second process that annotates in a
// loop while this one imports cases again and again, as the command line
// does (the GUI and a CLI import): with WAL, the busy timeout, immediate
// transactions and the pauses between an import's batches, both make
// progress and neither sees a "database is locked" error.
func TestTwoProcessesShareACatalogue(t *testing.T) {
	ctx := context.Background()
	st := openEmpty(t)
	put(t, st, crashCase(0))
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), crashChildEnv+"=paced:"+st.Path())
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The imports begin once the other process writes (it starts slowly
	// under the race detector).
	lines := bufio.NewReader(stdout)
	first, err := lines.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	imports := 0
	for deadline := time.Now().Add(1500 * time.Millisecond); time.Now().Before(deadline); imports++ {
		batch := []store.Case{crashCase(imports)}
		for i := 0; i < 2*store.ImportBatch; i++ {
			batch = append(batch, sample(fmt.Sprintf("other-%d", i), fmt.Sprintf("Other case %d, import %d", i, imports)))
		}
		if err := st.ImportCases(ctx, store.OriginImport, batch, nil); err != nil {
			t.Fatalf("import %d while the other process writes: %v", imports, err)
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	rest, _ := io.ReadAll(lines)
	cmd.Wait()
	out := first + string(rest)
	written := strings.Count(out, "annotation ")
	// Starved, the other process would write nothing after its first note
	// (175 notes here, 5 under the race detector).
	if strings.Contains(out, "error") || written < 3 || imports < 1 {
		t.Fatalf("the other process: %d writes, output ends %q", written, tail(out))
	}
	list, _ := st.Annotations(ctx, "crash-case")
	if len(list) < written-1 { // the last reported line may have been cut by the kill
		t.Errorf("%d annotations reported, %d in the catalogue", written, len(list))
	}
	t.Logf("%d imports here, %d annotations there", imports, written)
}

func tail(s string) string {
	if len(s) > 200 {
		return s[len(s)-200:]
	}
	return s
}
