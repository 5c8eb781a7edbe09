package stats

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// pairs lists two coders' values, counts[{a, b}] units of each pair.
func pairs(counts map[[2]string]int) (a, b []string) {
	for _, k := range [][2]string{{"yes", "yes"}, {"yes", "no"}, {"no", "yes"}, {"no", "no"}, {"x", "x"}, {"x", "y"}, {"x", "z"}, {"y", "x"}, {"y", "y"}, {"y", "z"}, {"z", "x"}, {"z", "y"}, {"z", "z"}} {
		for range counts[k] {
			a = append(a, k[0])
			b = append(b, k[1])
		}
	}
	return a, b
}

func TestCohenKappa(t *testing.T) {
	tests := []struct {
		name   string
		counts map[[2]string]int
		want   float64
	}{
		// Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by A and B; both yes 20,
		// A yes B no 5, A no B yes 10, both no 15. po = 35/50 = 0.7; A says yes 25/50, B 30/50, so
		// pe = 0.5·0.6 + 0.5·0.4 = 0.5 and kappa = (0.7 - 0.5)/(1 - 0.5) = 0.4.
		{"Wikipedia proposals", map[[2]string]int{{"yes", "yes"}: 20, {"yes", "no"}: 5, {"no", "yes"}: 10, {"no", "no"}: 15}, 0.4},
		// Three categories, worked by hand: N = 20; cells (A,B): xx 6, xy 1, yy 5, yz 2, zx 1, zz 5.
		// po = 16/20. A: x 7, y 7, z 6; B: x 7, y 6, z 7. pe = (49 + 42 + 42)/400 = 133/400.
		// kappa = (320/400 - 133/400)/(1 - 133/400) = 187/267.
		{"three categories", map[[2]string]int{{"x", "x"}: 6, {"x", "y"}: 1, {"y", "y"}: 5, {"y", "z"}: 2, {"z", "x"}: 1, {"z", "z"}: 5}, 187.0 / 267},
		// Perfect agreement is 1; agreement exactly at chance is 0: A yes on 2 of 4, B yes on 2 of 4,
		// agreeing on 2 of 4 (po = 1/2 = pe).
		{"perfect", map[[2]string]int{{"yes", "yes"}: 3, {"no", "no"}: 2}, 1},
		{"chance", map[[2]string]int{{"yes", "yes"}: 1, {"yes", "no"}: 1, {"no", "yes"}: 1, {"no", "no"}: 1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := pairs(tt.counts)
			got, err := CohenKappa(a, b)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("kappa = %.12f, want %.12f", got, tt.want)
			}
		})
	}
}

func TestCohenKappaMissingAndUndefined(t *testing.T) {
	// Units where a coder gave no value are left out: the proposals example with two extra
	// half-coded units gives the same 0.4.
	a, b := pairs(map[[2]string]int{{"yes", "yes"}: 20, {"yes", "no"}: 5, {"no", "yes"}: 10, {"no", "no"}: 15})
	a, b = append(a, "yes", ""), append(b, "", "no")
	if got, err := CohenKappa(a, b); err != nil || math.Abs(got-0.4) > 1e-9 {
		t.Errorf("with missing values: kappa = %v, %v; want 0.4", got, err)
	}
	for name, ab := range map[string][2][]string{
		"no units":        {nil, nil},
		"only missing":    {{"", "yes"}, {"no", ""}},
		"one category":    {{"yes", "yes", "yes"}, {"yes", "yes", "yes"}}, // pe = 1
		"all half-filled": {{"a", ""}, {"", "b"}},
	} {
		if _, err := CohenKappa(ab[0], ab[1]); !errors.Is(err, ErrUndefined) {
			t.Errorf("%s: err = %v, want ErrUndefined", name, err)
		}
	}
	if _, err := CohenKappa([]string{"a"}, []string{"a", "b"}); err == nil || !strings.Contains(err.Error(), "1 values") {
		t.Errorf("unequal lengths: err = %v", err)
	}
}

// TestCohenKappaCounts is the Wikipedia example from its counts.
func TestCohenKappaCounts(t *testing.T) {
	got, err := CohenKappaCounts(50, 35, map[string]int{"yes": 25, "no": 25}, map[string]int{"yes": 30, "no": 20})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-0.4) > 1e-12 {
		t.Errorf("kappa = %.12f, want 0.4", got)
	}
	if _, err := CohenKappaCounts(0, 0, nil, nil); !errors.Is(err, ErrUndefined) {
		t.Errorf("no units: err = %v, want ErrUndefined", err)
	}
}
