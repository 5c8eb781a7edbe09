package reports

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every phrase exists in every language, so no study language can reach the
// panic in text.
func TestPhrasesComplete(t *testing.T) {
	en := slices.Sorted(maps.Keys(phrases["en"]))
	for _, lang := range Languages() {
		assert.Equal(t, en, slices.Sorted(maps.Keys(phrases[lang])), "phrases of %s", lang)
	}
	assert.Len(t, phrases, len(Languages()))
}
