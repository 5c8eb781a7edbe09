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
		"codings":          "codings (segment × code × coder)",
		"coders":           "coders",
		"chains":           "chains",
		"complete":         "complete (C, I, M and O)",
		"incomplete":       "incomplete",
		"missing.C":        "without context",
		"missing.I":        "without intervention",
		"missing.M":        "without mechanism",
		"missing.O":        "without outcome",
		"summary.note":     "Counts as defined in the README: segments are distinct (interview, segment) pairs; a chain is complete when it has a code of each of C, I, M and O.",

		// Intercoder agreement (agreement.go, chain_agreement.go).
		"verdict.reliable":        "reliable (alpha ≥ 0.800)",
		"verdict.tentative":       "tentative conclusions only (0.667 ≤ alpha < 0.800)",
		"verdict.unreliable":      "unreliable (alpha < 0.667)",
		"agreement.none":          "no segment here is coded by two or more coders",
		"agreement.kappa":         "kappa needs exactly two coders; these segments have %d",
		"agreement.absent":        "no coder gave it to any of these segments: alpha and kappa are not defined",
		"agreement.everywhere":    "every coder gave it to every one of these segments: alpha and kappa are not defined",
		"agreement.novariation":   "no variation (every coder gave the same value to every unit): alpha is not defined",
		"agreement.pooled":        "pools the (segment, code) pairs of the %d codes given in these segments",
		"chainagreement.none":     "no chain has codings in segments coded by two or more coders",
		"chainagreement.category": "no coder linked this category in a chain of double-coded segments",
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
		"codings":          "coderingen (segment × code × codeur)",
		"coders":           "codeurs",
		"chains":           "ketens",
		"complete":         "volledig (C, I, M en O)",
		"incomplete":       "onvolledig",
		"missing.C":        "zonder context",
		"missing.I":        "zonder interventie",
		"missing.M":        "zonder mechanisme",
		"missing.O":        "zonder uitkomst",
		"summary.note":     "Tellingen zoals in de README gedefinieerd: segmenten zijn unieke (interview, segment)-paren; een keten is volledig als hij een code heeft van elk van C, I, M en O.",

		// Intercoder agreement (agreement.go, chain_agreement.go).
		"verdict.reliable":        "betrouwbaar (alpha ≥ 0,800)",
		"verdict.tentative":       "alleen voorlopige conclusies (0,667 ≤ alpha < 0,800)",
		"verdict.unreliable":      "onbetrouwbaar (alpha < 0,667)",
		"agreement.none":          "geen segment hier is door twee of meer codeurs gecodeerd",
		"agreement.kappa":         "kappa vraagt precies twee codeurs; deze segmenten hebben er %d",
		"agreement.absent":        "geen codeur gaf deze code aan een van deze segmenten: alpha en kappa zijn niet gedefinieerd",
		"agreement.everywhere":    "elke codeur gaf deze code aan al deze segmenten: alpha en kappa zijn niet gedefinieerd",
		"agreement.novariation":   "geen variatie (elke codeur gaf elke eenheid dezelfde waarde): alpha is niet gedefinieerd",
		"agreement.pooled":        "telt de (segment, code)-paren van de %d codes die in deze segmenten zijn gegeven samen",
		"chainagreement.none":     "geen keten heeft coderingen in segmenten die door twee of meer codeurs zijn gecodeerd",
		"chainagreement.category": "geen codeur koppelde deze categorie in een keten van dubbel gecodeerde segmenten",
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
