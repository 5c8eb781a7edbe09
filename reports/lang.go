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

		// co-occurrence and configurations (cooccurrence.go, configurations.go, cimoviews.go)
		"cooc.nounits":          "no coded units at this level",
		"cooc.nopairs.code":     "no unit at this level has two different codes",
		"cooc.nopairs.category": "no unit at this level has codes of two different categories",
		"cooc.fivefold":         "frequencies differ more than fivefold: c is at most %s here, read the counts",
		"config.nochains":       "no chains coded",
		"config.nocontexts":     "no chain has a context code",
		"config.shared":         "%d of %d chains also count in other rows (several I, M or O codes)",
		"valence.promoting":     "promoting",
		"valence.hindering":     "hindering",
		"valence.none":          "without valence",
		"none.I":                "(no intervention)",
		"none.M":                "(no mechanism)",
		"none.O":                "(no outcome)",
		"heat.cooc.title":       "Intervention categories and mechanisms or outcomes in the same chain",
		"heat.cooc.caption":     "Each cell: chains with a code of the intervention category (row) and the code (column); a chain counts in every cell whose two it has.",
		"heat.config.title":     "Configurations: intervention categories against mechanisms",
		"heat.config.caption":   "Each cell: chains (intervention moments) linking the category to the mechanism; (no mechanism): chains with the category and no mechanism, not filled in.",
		"flow.title":            "From intervention category through mechanism to outcome",
		"flow.caption":          "Band width: chains per configuration (configurations.csv). A chain with several categories, mechanisms or outcomes counts once under each, so a total can exceed the number of chains.",
		"flow.I":                "Intervention category",
		"flow.M":                "Mechanism",
		"flow.O":                "Outcome",
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

		// co-occurrence and configurations (cooccurrence.go, configurations.go, cimoviews.go)
		"cooc.nounits":          "geen gecodeerde eenheden op dit niveau",
		"cooc.nopairs.code":     "geen eenheid op dit niveau heeft twee verschillende codes",
		"cooc.nopairs.category": "geen eenheid op dit niveau heeft codes uit twee verschillende categorieën",
		"cooc.fivefold":         "frequenties verschillen meer dan vijfvoudig: c is hier hoogstens %s, lees de aantallen",
		"config.nochains":       "geen ketens gecodeerd",
		"config.nocontexts":     "geen keten heeft een contextcode",
		"config.shared":         "%d van %d ketens tellen ook in andere rijen mee (meerdere I-, M- of O-codes)",
		"valence.promoting":     "bevorderend",
		"valence.hindering":     "belemmerend",
		"valence.none":          "zonder valentie",
		"none.I":                "(geen interventie)",
		"none.M":                "(geen mechanisme)",
		"none.O":                "(geen uitkomst)",
		"heat.cooc.title":       "Interventiecategorieën en mechanismen of uitkomsten in dezelfde keten",
		"heat.cooc.caption":     "Per cel: ketens met een code uit de interventiecategorie (rij) en de code (kolom); een keten telt mee in elke cel waarvan hij beide heeft.",
		"heat.config.title":     "Configuraties: interventiecategorieën tegenover mechanismen",
		"heat.config.caption":   "Per cel: ketens (interventiemomenten) die de categorie aan het mechanisme koppelen; (geen mechanisme): ketens met de categorie zonder mechanisme, niet aangevuld.",
		"flow.title":            "Van interventiecategorie via mechanisme naar uitkomst",
		"flow.caption":          "Bandbreedte: ketens per configuratie (configurations.csv). Een keten met meerdere categorieën, mechanismen of uitkomsten telt onder elk één keer mee, dus een totaal kan groter zijn dan het aantal ketens.",
		"flow.I":                "Interventiecategorie",
		"flow.M":                "Mechanisme",
		"flow.O":                "Uitkomst",
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
