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

		"timeline.title":           "Timeline",
		"timeline.axis":            "date (a bar spans the period a fuzzy date stands for)",
		"timeline.axis.order":      "order of the events (no dates given)",
		"timeline.nodate":          "no date",
		"timeline.nophase":         "phase not given",
		"timeline.undated":         "no date: placed by order",
		"timeline.range":           "date range",
		"timeline.nocategories":    "No intervention category coded on this timeline.",
		"kind.activity":            "activity",
		"kind.breakthrough":        "breakthrough",
		"kind.setback":             "setback",
		"timelines.none":           "no timeline events here: nothing to count",
		"order.none":               "no timeline with at least two events and an intervention category: no order to tell",
		"order.absent":             "on no timeline",
		"order.one":                "on one timeline only: no spread",
		"order.w.undefined":        "not defined: needs at least two timelines and two categories, not all tied",
		"order.w.approx":           "p from the chi-square approximation, df = categories - 1; a rough guide with few timelines",
		"before.no_runup":          "no event precedes a breakthrough: no share",
		"before.no_base":           "on no event: no base rate, no ratio",
		"ttb.no_breakthrough":      "no breakthrough",
		"ttb.same_event":           "the first event is the breakthrough",
		"ttb.first_undated":        "the first event has no date",
		"ttb.breakthrough_undated": "the breakthrough has no date",
		"ttb.contradicts":          "the dates contradict the order (seq): breakthrough dated before the first event",
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

		"timeline.title":           "Tijdlijn",
		"timeline.axis":            "datum (een balk beslaat de periode van een vage datum)",
		"timeline.axis.order":      "volgorde van de gebeurtenissen (geen datums gegeven)",
		"timeline.nodate":          "geen datum",
		"timeline.nophase":         "fase niet gegeven",
		"timeline.undated":         "geen datum: op volgorde geplaatst",
		"timeline.range":           "datumbereik",
		"timeline.nocategories":    "Geen interventiecategorie gecodeerd op deze tijdlijn.",
		"kind.activity":            "activiteit",
		"kind.breakthrough":        "doorbraak",
		"kind.setback":             "terugval",
		"timelines.none":           "geen tijdlijngebeurtenissen: niets te tellen",
		"order.none":               "geen tijdlijn met minstens twee gebeurtenissen en een interventiecategorie: geen volgorde te bepalen",
		"order.absent":             "op geen enkele tijdlijn",
		"order.one":                "op één tijdlijn: geen spreiding",
		"order.w.undefined":        "niet gedefinieerd: vraagt minstens twee tijdlijnen en twee categorieën, niet alle gelijk",
		"order.w.approx":           "p uit de chi-kwadraatbenadering, df = categorieën - 1; bij weinig tijdlijnen een ruwe indicatie",
		"before.no_runup":          "geen gebeurtenis gaat aan een doorbraak vooraf: geen aandeel",
		"before.no_base":           "op geen enkele gebeurtenis: geen basisfrequentie, geen verhouding",
		"ttb.no_breakthrough":      "geen doorbraak",
		"ttb.same_event":           "de eerste gebeurtenis is de doorbraak",
		"ttb.first_undated":        "de eerste gebeurtenis heeft geen datum",
		"ttb.breakthrough_undated": "de doorbraak heeft geen datum",
		"ttb.contradicts":          "de datums zijn in strijd met de volgorde (seq): doorbraak gedateerd vóór de eerste gebeurtenis",
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
