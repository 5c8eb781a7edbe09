package coding

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestElevenTest: BSNs worked by hand (weights 9, 8, ..., 2, -1).
func TestElevenTest(t *testing.T) {
	tests := []struct {
		digits string
		want   bool
	}{
		// 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66 = 6·11
		{"111222333", true},
		// 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8−2 = 154 = 14·11
		{"123456782", true},
		// the same first eight digits, last 9: 156−9 = 147 = 13·11+4
		{"123456789", false},
		// 9·(9+8+7+6+5+4+3+2) − 0 = 396 = 36·11
		{"999999990", true},
		// 396 − 9 + 0 ... last digit 1: 395 = 35·11+10
		{"999999991", false},
		// 0·… − 0 = 0, a multiple of 11, but no number
		{"000000000", false},
		// 9·0+8·0+7·0+6·0+5·0+4·0+3·0+2·1−2 = 0: a BSN may start with zeros
		{"000000012", true},
		{"12345678", false},   // eight digits
		{"12345678a", false},  // not a digit
		{"1234567820", false}, // ten digits
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ElevenTest(tt.digits), tt.digits)
	}
}

// TestFindPII: what is found and what is not, with the masked form shown in
// messages. IBANs are the SWIFT IBAN Registry's examples for their countries;
// the BSNs are those of TestElevenTest.
func TestFindPII(t *testing.T) {
	type f struct{ kind, masked string }
	tests := []struct {
		text string
		want []f
	}{
		// e-mail addresses
		{"mail jan.devries@example.nl.", []f{{PIIEmail, "j***@***.nl"}}},
		{"<J.Jansen+werk@mail.uva.nl>", []f{{PIIEmail, "J***@***.nl"}}},
		{"@home, @Jan, naam@, a@b, x@y.z, 10@3.5", nil},
		// phone numbers, Dutch and international
		{"06-12345678", []f{{PIIPhone, "06-********"}}},
		{"bel 06 1234 5678 of", []f{{PIIPhone, "06 **** ****"}}},
		{"0612345678", []f{{PIIPhone, "06********"}}},
		{"06 12 34 56 78", []f{{PIIPhone, "06 ** ** ** **"}}},
		{"+31 6 1234 5678", []f{{PIIPhone, "+31 * **** ****"}}},
		{"+31612345678", []f{{PIIPhone, "+31*********"}}},
		{"+31 (0)6 12345678", []f{{PIIPhone, "+31 (*)* ********"}}},
		{"0031 6 12345678", []f{{PIIPhone, "00** * ********"}}},
		{"020-1234567", []f{{PIIPhone, "02*-*******"}}},
		{"(020) 123 4567", []f{{PIIPhone, "(02*) *** ****"}}},
		{"0111-123456", []f{{PIIPhone, "01**-******"}}},
		{"+32 2 123 45 67", []f{{PIIPhone, "+32 * *** ** **"}}},
		// not phone numbers: dates, ids, counts, positions, short numbers
		{"2023-03-14, 14-03-2023, 01-03-2023 14:00, 2023-Q2, 2023-03", nil},
		{"WP2_01 T01-E03 SNFA_05 12-14:1a2b3c4d I1.1 C1.2", nil},
		{"0 1 2 3 4 5 6 7 8 9", nil},
		{"361 542 0612345 06-1234567 0012345678", nil},
		{"+31 20", nil},
		// BSNs: nine digits that pass the eleven-test
		{"BSN 111222333", []f{{PIIBSN, "*********"}}},
		{"bsn: 1234.56.782", []f{{PIIBSN, "****.**.***"}}},
		{"123456789 999999991 000000000", nil},
		{"3.111222333 111222333,5 1112223331", nil},
		// IBANs
		{"NL91ABNA0417164300", []f{{PIIIBAN, "NL****************"}}},
		{"op NL91 ABNA 0417 1643 00 gestort", []f{{PIIIBAN, "NL** **** **** **** **"}}},
		{"nl91abna0417164300", []f{{PIIIBAN, "nl****************"}}},
		{"DE89370400440532013000", []f{{PIIIBAN, "DE********************"}}},
		{"BE68539007547034", []f{{PIIIBAN, "BE**************"}}},
		{"GB29NWBK60161331926819", []f{{PIIIBAN, "GB********************"}}},
		{"FR1420041010050500013M02606", []f{{PIIIBAN, "FR*************************"}}},
		{"NO9386011117947", []f{{PIIIBAN, "NO*************"}}},
		{"CH9300762011623852957", []f{{PIIIBAN, "CH*******************"}}},
		{"NL91ABNA0417164301 NL91ABNA041716430 NL91ABNA04171643001 XX91ABNA0417164300", nil},
		// several in one cell, in text order
		{"06-12345678 of jan@example.com", []f{{PIIPhone, "06-********"}, {PIIEmail, "j***@***.com"}}},
		{"0612345678@example.nl", []f{{PIIEmail, "0***@***.nl"}}},
		// found by FuzzFindPII: a second '@' right after an address starts none
		{"000@0.AA@0.AA", []f{{PIIEmail, "0***@***.AA"}}},
		{"a@b.nl,c@d.nl", []f{{PIIEmail, "a***@***.nl"}, {PIIEmail, "c***@***.nl"}}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []f
		for _, p := range FindPII(tt.text) {
			got = append(got, f{p.Kind, p.Masked})
			if p.Kind != PIIEmail {
				assert.Len(t, p.Masked, p.End-p.Start, "%q: a number's mask is as long as the number", tt.text)
			}
		}
		assert.Equal(t, tt.want, got, "%q", tt.text)
		if len(tt.want) > 0 {
			assert.True(t, mayHoldPII([]byte(tt.text)), "%q: mayHoldPII passes what FindPII finds", tt.text)
		}
	}
	for _, text := range []string{"Zijn situatie was zo wankel.", "WP1_000001", "S001", "codeur-04", "396", "2023-03-14"} {
		assert.False(t, mayHoldPII([]byte(text)), "%q: nothing FindPII looks for", text)
	}
}

// TestReadFindsPII: every cell is scanned, in every column, also those the
// contract does not read, with the row numbers of other messages; findings
// are problems unless allowed.
func TestReadFindsPII(t *testing.T) {
	change := map[string]string{
		"respondents.csv": "respondent_id,role,city,notes\n" +
			"R1,cliënt,Amsterdam,\"tel. 06-12345678, jan@example.nl\"\n" +
			"R2,netwerkondersteuner,Haarlem,\n",
		"segments/a.csv": "interview_id,segment_id,code,quote\n" +
			"IV1,S1,I1,\"Ze zei: mijn BSN is 111222333\"\n" +
			"IV2,S1,O1,\"\"\"\n" + // a quoted line break: the next row is line 5
			"\"\n" +
			"IV2,S2,O1,NL91ABNA0417164300\n",
	}
	_, err := readStudy(t, change)
	var ps *Problems
	require.ErrorAs(t, err, &ps)
	want := []string{
		`respondents.csv:2: column "notes": looks like a phone number ("06-********"): remove it or replace it by a pseudonym`,
		`respondents.csv:2: column "notes": looks like an e-mail address ("j***@***.nl"): remove it or replace it by a pseudonym`,
		`segments/a.csv:2: column "quote": looks like a citizen service number (BSN) ("*********"): remove it or replace it by a pseudonym`,
		`segments/a.csv:5: column "quote": looks like an IBAN ("NL****************"): remove it or replace it by a pseudonym`,
	}
	assert.Equal(t, want, strings.Split(ps.Error(), "\n"))
	assert.Equal(t, 4, ps.PII)
	assert.NotContains(t, ps.Error(), "12345678", "the finding itself is never printed")

	allowed := validSources
	allowed.AllowPII = true
	allowed.Dir = writeFiles(t, merge(validFiles, change))
	_, err = Read(context.Background(), allowed)
	assert.NoError(t, err)
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// BenchmarkFindPII: the cost per cell of the check every run makes, on
// cells as a study holds them.
func BenchmarkFindPII(b *testing.B) {
	cells := []string{"WP2_01", "S001", "C1.2", "T01-E01", "codeur-B", "361", "542", "hindering",
		"Hij schaamt zich, hij wil niet dat zijn oude vriend weet waar hij slaapt.",
		"In maart 2023 belde ze twee keer; op 14-03-2023 om 10:00 kwam zijn zus langs."}
	n := 0
	for _, c := range cells {
		n += len(c)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, c := range cells {
			FindPII(c)
		}
	}
}
