package reports

import "fmt"

// phrases holds every fixed string of the figures and the summary, per study
// language; labels of codes come from the codebook instead.
var phrases = map[string]map[string]string{
	"en": {
		"categories.title": "Intervention categories by respondents",
		"categories.axis":  "respondents",
		"summary.title":    "Summary",
		"summary.ingested": "Ingested",
		"summary.perwp":    "Per work package",
		"wp":               "work package",
		"all":              "whole study",
		"codes":            "codes",
		"categories":       "categories",
		"respondents":      "respondents",
		"interviews":       "interviews",
		"events":           "timeline events",
		"cases":            "cases",
		"segments":         "coded segments",
		"codings":          "codings (segment × code)",
		"coders":           "coders",
		"chains":           "chains",
		"complete":         "complete (C, I, M and O)",
		"incomplete":       "incomplete",
		"missing.C":        "without context",
		"missing.I":        "without intervention",
		"missing.M":        "without mechanism",
		"missing.O":        "without outcome",
		"summary.note":     "Counts as defined in the README: segments are distinct (interview, segment) pairs; a chain is complete when it has a code of each of C, I, M and O.",
		"note.noshare":     "no share: there are no %s to count from",
		"test.fewgroups":   "not tested: fewer than 2 groups have respondents",
		"test.fewcounts":   "not tested: fewer than %d respondents mention it, or fewer than that do not",
		"test.toolarge":    "not tested: too many tables to enumerate for an exact test",
		"test.undefined":   "not tested: the test is not defined for these counts",
	},
	"nl": {
		"categories.title": "Interventiecategorieën naar aantal respondenten",
		"categories.axis":  "respondenten",
		"summary.title":    "Samenvatting",
		"summary.ingested": "Ingelezen",
		"summary.perwp":    "Per werkpakket",
		"wp":               "werkpakket",
		"all":              "hele studie",
		"codes":            "codes",
		"categories":       "categorieën",
		"respondents":      "respondenten",
		"interviews":       "interviews",
		"events":           "tijdlijngebeurtenissen",
		"cases":            "casussen",
		"segments":         "gecodeerde segmenten",
		"codings":          "coderingen (segment × code)",
		"coders":           "codeurs",
		"chains":           "ketens",
		"complete":         "volledig (C, I, M en O)",
		"incomplete":       "onvolledig",
		"missing.C":        "zonder context",
		"missing.I":        "zonder interventie",
		"missing.M":        "zonder mechanisme",
		"missing.O":        "zonder uitkomst",
		"summary.note":     "Tellingen zoals in de README gedefinieerd: segmenten zijn unieke (interview, segment)-paren; een keten is volledig als hij een code heeft van elk van C, I, M en O.",
		"note.noshare":     "geen aandeel: er zijn geen %s om van te tellen",
		"test.fewgroups":   "niet getoetst: minder dan 2 groepen hebben respondenten",
		"test.fewcounts":   "niet getoetst: minder dan %d respondenten noemen het, of minder dan zoveel noemen het niet",
		"test.toolarge":    "niet getoetst: te veel tabellen om exact door te rekenen",
		"test.undefined":   "niet getoetst: de toets is voor deze aantallen niet gedefinieerd",
	},
}

// Languages are the study languages reports can be written in.
func Languages() []string { return []string{"en", "nl"} }

// text returns the phrase for key in lang; a missing one is a programming
// error that tests catch, so it panics rather than print a key.
func text(lang, key string) string {
	s, ok := phrases[lang][key]
	if !ok {
		panic(fmt.Sprintf("reports: no %q phrase for %q", lang, key))
	}
	return s
}
