package reports

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/cimo-tool/cimo/cimo"
	"github.com/cimo-tool/cimo/coding"
	"github.com/cimo-tool/cimo/store"
)

// agreementStore loads the hand-worked study of testdata/agreement into a
// fresh store, as the pipeline would, and links its chains.
func agreementStore(t *testing.T) *store.Store {
	t.Helper()
	ctx := context.Background()
	src := coding.Sources{
		Dir: filepath.Join("testdata", "agreement"), Codebook: coding.Table{File: "codebook.csv"}, Respondents: coding.Table{File: "respondents.csv"},
		Interviews: coding.Table{File: "interviews.csv"}, Segments: []coding.Table{{File: "segments/a.csv"}, {File: "segments/b.csv"}},
		WorkPackages: []string{"A", "B", "C"},
	}
	st, err := coding.Read(ctx, src)
	require.NoError(t, err)
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "study.duckdb"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	info := store.Info{Name: "agreement", Language: "en", WorkPackages: []store.WorkPackage{{ID: "A"}, {ID: "B"}, {ID: "C"}}}
	require.NoError(t, s.Replace(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.Load(ctx, info, st); err != nil {
			return err
		}
		return cimo.Link(ctx, tx)
	}))
	return s
}

func readRecords(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return recs
}

func parseRecords(t *testing.T, text string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimSpace(text) + "\n")).ReadAll()
	require.NoError(t, err)
	return recs
}

// TestAgreementHandWorked checks both agreement tables of every scope of
// testdata/agreement against values worked out by hand below, with the
// formulas of the README (kappa = (N·agree - Σ_k a_k b_k) / (N² - Σ_k a_k b_k)
// in counts; binary alpha = 1 - (n-1)·o_01 / (n_0·n_1); nominal alpha =
// 1 - (n-1)·D / (n² - Σ n_c²) with D = Σ_u (m_u² - Σ_c m_uc²)/(m_u - 1)).
//
// Scope A: coders X and Y. Double-coded segments (the units): IV1/S1, IV1/S2,
// IV1/S3, IV2/S1, IV2/S4 (5). IV2/S2 has only X; IV2/S3 has X and a row
// without coder, which is left out, so it is single-coded too. Values (X, Y)
// per unit in that order, (0,0) where not listed:
//
//	C1.1  S1 (1,1), S3 (0,1)          agree 4/5 = 80.0; X has 1 one, Y 2:
//	      kappa = (5·4 - (1·2 + 4·3)) / (25 - 14) = 6/11 = 0.545;
//	      alpha: n = 10, n_1 = 3, n_0 = 7, o_01 = 1: 1 - 9/21 = 4/7 = 0.571
//	C1.2  S3 (1,0)                    80.0; kappa = (20 - (0 + 4·5)) / (25 - 20) = 0;
//	      alpha: n_1 = 1, n_0 = 9: 1 - 9·1/9 = 0
//	I1.1  S1 (1,1); I2 IV2/S1, IV2/S4 (1,1); O1 S2, IV2/S4 (1,1): 100.0, kappa and alpha 1
//	M1    S1 (1,0), IV2/S1 (1,0), IV2/S4 (1,1)   60.0; X 3 ones, Y 1:
//	      kappa = (5·3 - (3·1 + 2·4)) / (25 - 11) = 4/14 = 0.286;
//	      alpha: n_1 = 4, n_0 = 6, o_01 = 2: 1 - 9·2/24 = 0.250
//	M2    S1 (0,1)                    80.0, kappa 0, alpha 0 (as C1.2)
//	C1, I1 (the codes themselves)     never given: 100.0, no alpha or kappa
//	category C1: S1 (1,1), S3 (1,1): 100.0, 1, 1; categories I1, I2, O1 as I1.1, I2, O1;
//	categories M1, M2 as the codes
//	overall: 7 codes given (C1.1, C1.2, I1.1, I2, M1, M2, O1) × 5 segments = 35 units;
//	      7 (1,1), 5 disagreements (C1.1 S3, C1.2 S3, M1 S1, M1 IV2/S1, M2 S1), 23 (0,0):
//	      agree 30/35 = 85.7; X 10 ones, Y 9: kappa = (35·30 - (10·9 + 25·26)) / (1225 - 740)
//	      = 310/485 = 0.639; alpha: n = 70, n_1 = 19, n_0 = 51, o_01 = 5:
//	      1 - 69·5/(51·19) = 624/969 = 0.644 (unreliable).
//
// Chains in scope A: K1 (S1, S2), K2 (IV2/S1), K3 (IV2/S4), all with X and Y.
// Configurations: K1 X (I1,M1,O1), Y (I1,M2,O1); K2 X (I2,M1,""), Y (I2,"","");
// K3 both (I2,M1,O1). Units and values (mechanism|outcome pairs):
//
//	(K1,I1) X "M1|O1", Y "M2|O1"; (K2,I2) X "M1|", Y "|"; (K3,I2) both "M1|O1"
//	I1: 1 unit, 0.0; two values once each: alpha = 1 - 1·2/(4 - 2) = 0; configurations 2, shared 0
//	I2: 2 units, 50.0; values M1| , | , M1|O1 ×2: n = 4, Σ n_c² = 6, D = 2:
//	    alpha = 1 - 3·2/10 = 0.400; configurations 3, shared 1 (33.3)
//	overall: 3 units, 33.3; values M1|O1 ×3, M2|O1, M1|, |: n = 6, Σ n_c² = 12, D = 4:
//	    alpha = 1 - 5·4/24 = 1/6 = 0.167; configurations 5, shared 1 (20.0); X + Y the same.
//
// Scope B: coders X, Y, Z; units IV3/S1 (X, Y, Z) and IV3/S2 (X, Z; Y missing).
//
//	I1.1  S1 (1,1,0), S2 (0,-,0): 50.0; D = (9-5)/2 = 2, n = 5, n_1 = 2, n_0 = 3:
//	      alpha = 1 - 4·2/12 = 1/3 = 0.333
//	I2    S1 (0,0,1), S2 (0,-,0): 50.0; n_1 = 1, n_0 = 4: alpha = 1 - 4·2/8 = 0
//	O1    S1 (0,0,0), S2 (1,-,1): 100.0, alpha 1
//	kappa: three coders, so none (note).
//	overall: 3 codes × 2 segments = 6 units, 4 agree (66.7); n = 15, n_1 = 5, n_0 = 10,
//	      D = 2 + 2: alpha = 1 - 14·4/(225 - 125) = 0.440
//
// Chain K9 in scope B (IV3/S1, IV3/S2, coders X, Y, Z): X (I1,"",O1), Y (I1,"",""),
// Z (I2,"",O1). Units: (K9,I1) X "|O1", Y "|", Z not linked; (K9,I2) X, Y not linked,
// Z "|O1".
//
//	I1: 1 unit, three different values: D = (9-3)/2 = 3, alpha = 1 - 2·3/(9-3) = 0
//	I2: 1 unit {not linked ×2, |O1}: D = 2, alpha = 1 - 2·2/(9-5) = 0
//	overall: n = 6, n_|O1 = 2, n_| = 1, n_not = 3: Σ n_c² = 14; D = 3 + 2 = 5:
//	      alpha = 1 - 5·5/22 = -3/22 = -0.136; configurations 3, shared by all 0
//	X + Y: (K9,I1) "|O1" vs "|": alpha 0, configurations 2, shared 0
//	X + Z: (K9,I1) "|O1" vs not, (K9,I2) not vs "|O1": n = 4, Σ n_c² = 8, D = 4:
//	      alpha = 1 - 3·4/8 = -0.500
//	Y + Z: (K9,I1) "|" vs not, (K9,I2) not vs "|O1": Σ n_c² = 6, D = 4: 1 - 12/10 = -0.200
//
// Scope C has one single-coded segment: every row is empty with a note.
func TestAgreementHandWorked(t *testing.T) {
	s := agreementStore(t)
	const (
		rel   = "reliable (alpha ≥ 0.800)"
		unrel = "unreliable (alpha < 0.667)"
		never = "no coder gave it to any of these segments: alpha and kappa are not defined"
		three = "kappa needs exactly two coders; these segments have 3"
		none  = "no segment here is coded by two or more coders"
		noch  = "no chain has codings in segments coded by two or more coders"
	)
	r := strings.NewReplacer("REL", rel, "UNREL", unrel, "NEVER", never, "THREE", three, "NONE", none, "NOCH", noch)
	want := map[string][2]string{
		"A": {`
level,code,label,dimension,segments,units,coders,agreement_percent,kappa,alpha,verdict,note
code,C1,Client situation,C,5,5,2,100.0,,,,NEVER
code,C1.1,Small network,C,5,5,2,80.0,0.545,0.571,UNREL,
code,C1.2,Shame,C,5,5,2,80.0,0.000,0.000,UNREL,
code,I1,Preconditions,I,5,5,2,100.0,,,,NEVER
code,I1.1,Enough time,I,5,5,2,100.0,1.000,1.000,REL,
code,I2,Basic conditions,I,5,5,2,100.0,1.000,1.000,REL,
code,M1,Trust,M,5,5,2,60.0,0.286,0.250,UNREL,
code,M2,Awareness,M,5,5,2,80.0,0.000,0.000,UNREL,
code,O1,Contact restored,O,5,5,2,100.0,1.000,1.000,REL,
category,C1,Client situation,C,5,5,2,100.0,1.000,1.000,REL,
category,I1,Preconditions,I,5,5,2,100.0,1.000,1.000,REL,
category,I2,Basic conditions,I,5,5,2,100.0,1.000,1.000,REL,
category,M1,Trust,M,5,5,2,60.0,0.286,0.250,UNREL,
category,M2,Awareness,M,5,5,2,80.0,0.000,0.000,UNREL,
category,O1,Contact restored,O,5,5,2,100.0,1.000,1.000,REL,
overall,,,,5,35,2,85.7,0.639,0.644,UNREL,"pools the (segment, code) pairs of the 7 codes given in these segments"
`, `
level,intervention_category,label,coder_pair,coders,chains,units,agreement_percent,alpha,verdict,configurations,configurations_shared,shared_percent,note
category,I1,Preconditions,,2,1,1,0.0,0.000,UNREL,2,0,0.0,
category,I2,Basic conditions,,2,2,2,50.0,0.400,UNREL,3,1,33.3,
overall,,,,2,3,3,33.3,0.167,UNREL,5,1,20.0,
coders,,,X + Y,2,3,3,33.3,0.167,UNREL,5,1,20.0,
`},
		"B": {`
level,code,label,dimension,segments,units,coders,agreement_percent,kappa,alpha,verdict,note
code,C1,Client situation,C,2,2,3,100.0,,,,THREE; NEVER
code,C1.1,Small network,C,2,2,3,100.0,,,,THREE; NEVER
code,C1.2,Shame,C,2,2,3,100.0,,,,THREE; NEVER
code,I1,Preconditions,I,2,2,3,100.0,,,,THREE; NEVER
code,I1.1,Enough time,I,2,2,3,50.0,,0.333,UNREL,THREE
code,I2,Basic conditions,I,2,2,3,50.0,,0.000,UNREL,THREE
code,M1,Trust,M,2,2,3,100.0,,,,THREE; NEVER
code,M2,Awareness,M,2,2,3,100.0,,,,THREE; NEVER
code,O1,Contact restored,O,2,2,3,100.0,,1.000,REL,THREE
category,C1,Client situation,C,2,2,3,100.0,,,,THREE; NEVER
category,I1,Preconditions,I,2,2,3,50.0,,0.333,UNREL,THREE
category,I2,Basic conditions,I,2,2,3,50.0,,0.000,UNREL,THREE
category,M1,Trust,M,2,2,3,100.0,,,,THREE; NEVER
category,M2,Awareness,M,2,2,3,100.0,,,,THREE; NEVER
category,O1,Contact restored,O,2,2,3,100.0,,1.000,REL,THREE
overall,,,,2,6,3,66.7,,0.440,UNREL,"THREE; pools the (segment, code) pairs of the 3 codes given in these segments"
`, `
level,intervention_category,label,coder_pair,coders,chains,units,agreement_percent,alpha,verdict,configurations,configurations_shared,shared_percent,note
category,I1,Preconditions,,3,1,1,0.0,0.000,UNREL,2,0,0.0,
category,I2,Basic conditions,,3,1,1,0.0,0.000,UNREL,1,0,0.0,
overall,,,,3,1,2,0.0,-0.136,UNREL,3,0,0.0,
coders,,,X + Y,2,1,1,0.0,0.000,UNREL,2,0,0.0,
coders,,,X + Z,2,1,2,0.0,-0.500,UNREL,2,0,0.0,
coders,,,Y + Z,2,1,2,0.0,-0.200,UNREL,2,0,0.0,
`},
		"C": {`
level,code,label,dimension,segments,units,coders,agreement_percent,kappa,alpha,verdict,note
code,C1,Client situation,C,0,0,0,,,,,NONE
code,C1.1,Small network,C,0,0,0,,,,,NONE
code,C1.2,Shame,C,0,0,0,,,,,NONE
code,I1,Preconditions,I,0,0,0,,,,,NONE
code,I1.1,Enough time,I,0,0,0,,,,,NONE
code,I2,Basic conditions,I,0,0,0,,,,,NONE
code,M1,Trust,M,0,0,0,,,,,NONE
code,M2,Awareness,M,0,0,0,,,,,NONE
code,O1,Contact restored,O,0,0,0,,,,,NONE
category,C1,Client situation,C,0,0,0,,,,,NONE
category,I1,Preconditions,I,0,0,0,,,,,NONE
category,I2,Basic conditions,I,0,0,0,,,,,NONE
category,M1,Trust,M,0,0,0,,,,,NONE
category,M2,Awareness,M,0,0,0,,,,,NONE
category,O1,Contact restored,O,0,0,0,,,,,NONE
overall,,,,0,0,0,,,,,NONE
`, `
level,intervention_category,label,coder_pair,coders,chains,units,agreement_percent,alpha,verdict,configurations,configurations_shared,shared_percent,note
category,I1,Preconditions,,0,0,0,,,,,,,NOCH
category,I2,Basic conditions,,0,0,0,,,,,,,NOCH
overall,,,,0,0,0,,,,,,,NOCH
`},
	}
	for scope, w := range want {
		t.Run(scope, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, WriteAgreement(context.Background(), s.DB(), scope, dir, "en"))
			assert.Equal(t, parseRecords(t, r.Replace(w[0])), readRecords(t, filepath.Join(dir, "agreement.csv")), "agreement.csv")
			assert.Equal(t, parseRecords(t, r.Replace(w[1])), readRecords(t, filepath.Join(dir, "chain_agreement.csv")), "chain_agreement.csv")
		})
	}
}

// TestAgreementDutch: the verdicts and notes are in the study's language.
func TestAgreementDutch(t *testing.T) {
	s := agreementStore(t)
	dir := t.TempDir()
	require.NoError(t, WriteAgreement(context.Background(), s.DB(), "A", dir, "nl"))
	recs := readRecords(t, filepath.Join(dir, "agreement.csv"))
	assert.Equal(t, "onbetrouwbaar (alpha < 0,667)", recs[2][10])
	assert.Equal(t, "betrouwbaar (alpha ≥ 0,800)", recs[5][10])
}

// TestVerdict: the thresholds of Krippendorff (2004), applied to alpha as printed.
func TestVerdict(t *testing.T) {
	for alpha, want := range map[float64]string{
		0.8: "reliable (alpha ≥ 0.800)", 0.79951: "reliable (alpha ≥ 0.800)",
		0.7994: "tentative conclusions only (0.667 ≤ alpha < 0.800)", 2.0 / 3: "tentative conclusions only (0.667 ≤ alpha < 0.800)",
		0.6664: "unreliable (alpha < 0.667)", -0.2: "unreliable (alpha < 0.667)",
	} {
		_, got := alphaCells("en", measured{alpha: alpha})
		assert.Equal(t, want, got, "alpha %v", alpha)
	}
	a, v := alphaCells("en", measured{alphaErr: errNotTwo})
	assert.Empty(t, a+v, "no alpha, no verdict")
}

func TestFixed(t *testing.T) {
	for x, want := range map[float64]string{-0.0001: "0.000", -0.1364: "-0.136", 2.0 / 3: "0.667"} {
		assert.Equal(t, want, fixed(x, 3), "%v", x)
	}
}
