package stats

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// matrix reads reliability data as printed in Krippendorff (2011): one line per coder, one
// field per unit, "." for a missing value; it returns units[u][c].
func matrix(lines ...string) [][]string {
	var units [][]string
	for c, line := range lines {
		for u, v := range strings.Fields(line) {
			if c == 0 {
				units = append(units, make([]string, len(lines)))
			}
			if v != "." {
				units[u][c] = v
			}
		}
	}
	return units
}

func TestKrippendorffAlpha(t *testing.T) {
	tests := []struct {
		name  string
		units [][]string
		want  float64
	}{
		// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example A: binary data,
		// two observers, no missing data; published alpha = 0.095. By hand: 5 units agree on 0,
		// 1 on 1, 4 disagree, so o_00 = 10, o_11 = 2, o_01 = o_10 = 4; n_0 = 14, n_1 = 6, n = 20;
		// alpha = 1 - (n-1)·o_01/(n_0·n_1) = 1 - 19·4/84 = 2/21.
		{"binary, two coders", matrix(
			"0 1 0 0 0 0 0 0 1 0",
			"1 1 1 0 0 1 0 0 0 0",
		), 2.0 / 21},
		// Same paper, example B: nominal data, two observers, no missing data; published 0.692.
		// By hand: 9 of 12 units agree, so Σ o_cc = 18 of n = 24 values; n_a = 4, n_b = 6, n_c = 6,
		// n_d = 6, n_e = 2, Σ n_c² = 128; alpha = 1 - 23·(24 - 18)/(576 - 128) = 1 - 138/448 = 155/224.
		{"nominal, two coders", matrix(
			"a a b b d c c c e d d a",
			"b a b b b c c c e d d d",
		), 155.0 / 224},
		// Same paper, example C: nominal data, four observers, missing data (12 units; unit 12 has one
		// value and is not pairable); published 0.743. By hand, the coincidence matrix (values 1-5):
		//   1: 7    4/3  1/3  1/3  0   | n_1 = 9
		//   2: 4/3  10   4/3  1/3  0   | n_2 = 13
		//   3: 1/3  4/3  8    1/3  0   | n_3 = 10
		//   4: 1/3  1/3  1/3  4    0   | n_4 = 5
		//   5: 0    0    0    0    3   | n_5 = 3
		// n = 40, Σ o_cc = 32, Σ n_c² = 81 + 169 + 100 + 25 + 9 = 384;
		// alpha = 1 - 39·(40 - 32)/(1600 - 384) = 1 - 312/1216 = 113/152.
		{"nominal, four coders, missing", matrix(
			"1 2 3 3 2 1 4 1 2 . . .",
			"1 2 3 3 2 2 4 1 2 5 . 3",
			". 3 3 3 2 3 4 2 2 5 1 .",
			"1 2 3 3 2 4 4 1 2 5 1 .",
		), 113.0 / 152},
		// Perfect agreement with variation is 1.
		{"perfect", matrix("a b a", "a b a"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := KrippendorffAlpha(tt.units)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("alpha = %.12f, want %.12f", got, tt.want)
			}
		})
	}
}

func TestKrippendorffAlphaUndefined(t *testing.T) {
	for name, units := range map[string][][]string{
		"no units":          nil,
		"no pairable units": matrix("a . b", ". c ."),
		"one value only":    matrix("1 1 1", "1 1 ."), // no expected disagreement
	} {
		if _, err := KrippendorffAlpha(units); !errors.Is(err, ErrUndefined) {
			t.Errorf("%s: err = %v, want ErrUndefined", name, err)
		}
	}
}

// TestKrippendorffAlphaPatterns gives the published examples as counted
// patterns: the same alpha as unit by unit.
func TestKrippendorffAlphaPatterns(t *testing.T) {
	tests := []struct {
		name     string
		patterns []Pattern
		want     float64
	}{
		// Example A of Krippendorff (2011), counted: 5 units (0,0), 1 unit (1,1), 4 units (0,1).
		{"binary, two coders", []Pattern{
			{Values: map[string]int{"0": 2}, Units: 5},
			{Values: map[string]int{"1": 2}, Units: 1},
			{Values: map[string]int{"0": 1, "1": 1}, Units: 4},
		}, 2.0 / 21},
		// Example C, counted: the units of example C by their values, unit 12 (one value) left in
		// as not pairable, and a pattern of no units.
		{"nominal, four coders, missing", []Pattern{
			{Values: map[string]int{"1": 3}, Units: 1},
			{Values: map[string]int{"2": 3, "3": 1}, Units: 1},
			{Values: map[string]int{"3": 4}, Units: 2},
			{Values: map[string]int{"2": 4}, Units: 2},
			{Values: map[string]int{"1": 1, "2": 1, "3": 1, "4": 1}, Units: 1},
			{Values: map[string]int{"4": 4}, Units: 1},
			{Values: map[string]int{"1": 3, "2": 1}, Units: 1},
			{Values: map[string]int{"5": 3}, Units: 1},
			{Values: map[string]int{"1": 2}, Units: 1},
			{Values: map[string]int{"3": 1}, Units: 1},
			{Values: map[string]int{"9": 2}, Units: 0},
		}, 113.0 / 152},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := KrippendorffAlphaPatterns(tt.patterns)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("alpha = %.12f, want %.12f", got, tt.want)
			}
		})
	}
}
