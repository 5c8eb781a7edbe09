package data

// code is one row of the codebook plus the two numbers that make the invented
// coding look like real coding: skewed frequencies and context valence.
type code struct {
	id, label, dim, parent, desc string
	// weight is the relative frequency among siblings (categories among
	// categories): real code frequencies are far from uniform.
	weight float64
	// promote is, for context codes, the chance a mention is promoting
	// rather than hindering.
	promote float64
}

// codebook follows chapters 3-5 of the final report: intervention categories
// with their parts, context factors, mechanisms and outcomes.
var codebook = []code{
	{"C1", "Situatie van de cliënt", "C", "", "Persoonlijke omstandigheden die netwerkondersteuning beïnvloeden.", 4, 0.3},
	{"C1.1", "Klein netwerk", "C", "C1", "Weinig of alleen professionele contacten.", 5, 0.05},
	{"C1.2", "Schaamte", "C", "C1", "Schaamte over de eigen situatie houdt contact tegen.", 4, 0.05},
	{"C1.3", "Overlevingsmodus", "C", "C1", "Dagelijks overleven laat geen ruimte voor het netwerk.", 3, 0.05},
	{"C1.4", "Verslaving", "C", "C1", "Middelengebruik belast relaties.", 3, 0.1},
	{"C1.5", "Familie in het buitenland", "C", "C1", "Naasten wonen ver weg of in een ander land.", 1.5, 0.2},
	{"C1.6", "Overbelaste naasten", "C", "C1", "Naasten hebben al veel opgevangen en zijn uitgeput.", 2.5, 0.1},
	{"C1.7", "Fase in de keten van zorg", "C", "C1", "Preventie, wachtlijst, opvang, beschermd wonen of ambulant.", 2, 0.5},
	{"C2", "Stedelijke context", "C", "", "Kenmerken van de grote stad.", 1, 0.4},
	{"C2.1", "Anonimiteit", "C", "C2", "De stad als wereld vol vreemden.", 3, 0.15},
	{"C2.2", "Migratiediversiteit", "C", "C2", "Taal, cultuur en herkomst van cliënten en naasten.", 2, 0.5},
	{"C2.3", "Stad als podium van tegenstellingen", "C", "C2", "Zichtbare verschillen tussen arm en rijk, tolerantie voor verschil.", 1.5, 0.45},
	{"C3", "Beleidscontext", "C", "", "Gemeentelijk en landelijk beleid en regelgeving.", 0.8, 0.4},
	{"C3.1", "Cocreatie en continuïteit", "C", "C3", "Samen met de gemeente ontwikkelen en langdurig financieren.", 2, 0.75},
	{"C3.2", "Integrale aanpak", "C", "C3", "Wonen, inkomen en zorg in samenhang.", 2, 0.7},
	{"C3.3", "Regelgeving (kostendelersnorm)", "C", "C3", "Regels zoals de kostendelersnorm en toeslagen remmen opvang door naasten.", 2.5, 0.05},
	{"C4", "Organisatiecontext", "C", "", "Hoe de opvangorganisatie netwerkondersteuning organiseert.", 1, 0.6},
	{"C4.1", "Ondersteuning door alle fasen heen", "C", "C4", "Netwerkondersteuning loopt door bij overgang naar een volgende fase.", 2, 0.55},
	{"C4.2", "Borging van de werkwijze", "C", "C4", "De werkwijze is vastgelegd in plannen, teams en systemen.", 2, 0.6},

	{"I1", "Aandacht voor randvoorwaarden", "I", "", "Voorwaarden die organisatie en netwerkondersteuner regelen.", 0.9, 0},
	{"I1.1", "Genoeg tijd", "I", "I1", "Tijd om een band op te bouwen en het netwerk te versterken.", 3, 0},
	{"I1.2", "Competenties ontwikkelen en onderhouden", "I", "I1", "Training, coaching of intervisie voor de netwerkondersteuner.", 2, 0},
	{"I1.3", "Cliënt staat open voor netwerkondersteuning", "I", "I1", "Nagaan of de cliënt ervoor openstaat het netwerk te betrekken.", 2.5, 0},
	{"I1.4", "Goede ontvangstruimte", "I", "I1", "Een huiselijke ruimte om het netwerk te ontvangen.", 1, 0},
	{"I1.5", "Zorgvuldige overdracht", "I", "I1", "Kennis over het netwerk overdragen bij een volgende fase.", 1.5, 0},
	{"I2", "Creëren basisvoorwaarden", "I", "", "Een basis leggen voordat het netwerk betrokken wordt.", 1.4, 0},
	{"I2.1", "Investeren in de relatie", "I", "I2", "Een vertrouwensband tussen cliënt en netwerkondersteuner.", 5, 0},
	{"I2.2", "Bijdragen aan bestaanszekerheid", "I", "I2", "Helpen met onderdak, inkomen en financiële rust.", 3, 0},
	{"I2.3", "Overvraging van het netwerk tegengaan", "I", "I2", "Naasten ontlasten als zij overbelast raken.", 1.5, 0},
	{"I3", "Bewustwording van het netwerk bevorderen", "I", "", "De cliënt laten zien wie er (nog) zijn.", 1.2, 0},
	{"I3.1", "Belang van een netwerk bespreken", "I", "I3", "Vanaf het begin bespreken waarom een netwerk ertoe doet.", 2, 0},
	{"I3.2", "Netwerk in kaart brengen", "I", "I3", "Samen een ecogram of netwerkkaart maken.", 3, 0},
	{"I3.3", "Zoeken naar haakjes", "I", "I3", "Aanknopingspunten in het gesprek benutten om over het netwerk te praten.", 2, 0},
	{"I4", "Netwerk vergroten en begrenzen", "I", "", "Contacten opnieuw betrekken, nieuwe contacten, grenzen stellen.", 1, 0},
	{"I4.1", "Bestaande contacten opnieuw betrekken", "I", "I4", "Verwaterde contacten weer aanspreken.", 3, 0},
	{"I4.2", "Nieuw netwerk creëren", "I", "I4", "Ontmoeting via buurt, werk of dagbesteding.", 2, 0},
	{"I4.3", "Netwerk begrenzen", "I", "I4", "Afstand nemen van contacten die niet helpend zijn.", 1, 0},
	{"I5", "Relatieherstel of relatiebehoud", "I", "", "Werken aan beschadigde of kwetsbare relaties.", 1.1, 0},
	{"I5.1", "In kleine stappen contact herstellen", "I", "I5", "Stap voor stap, ook met leuke dingen samen.", 3, 0},
	{"I5.2", "Triadische gesprekken", "I", "I5", "Gesprek van cliënt, naaste en netwerkondersteuner samen.", 2, 0},
	{"I5.3", "Naasten individueel ondersteunen", "I", "I5", "Naasten apart spreken over hun zorgen, psycho-educatie.", 1.5, 0},
	{"I6", "Gezamenlijke besluitvorming", "I", "", "Cliënt, naasten en hulpverleners besluiten samen.", 0.7, 0},
	{"I6.1", "Gezamenlijk bespreken faciliteren", "I", "I6", "Ieders perspectief komt in een open sfeer aan bod.", 2, 0},
	{"I6.2", "Opties en gevolgen bespreken, regie bij cliënt", "I", "I6", "Voor- en nadelen bespreken en de beslissing bij de cliënt laten.", 2, 0},
	{"I6.3", "Naasten betrekken om cliënt te begrijpen", "I", "I6", "Via naasten de cliënt beter leren kennen.", 1, 0},
	{"I7", "Wederkerigheid en sociale verantwoordelijkheid", "I", "", "De cliënt ook laten geven, niet alleen ontvangen.", 0.4, 0},
	{"I7.1", "Iets doen voor een ander", "I", "I7", "Stimuleren dat de cliënt iets voor een ander betekent.", 2, 0},
	{"I7.2", "Oog voor belangen en risico's van naasten", "I", "I7", "Bespreken wat een keuze betekent voor naasten.", 1.5, 0},
	{"I8", "Sociale vaardigheden", "I", "", "Vaardigheden voor contact versterken.", 0.5, 0},
	{"I8.1", "Aansluiten bij wat cliënt aankan", "I", "I8", "Tempo en belasting afstemmen op de cliënt.", 2, 0},
	{"I8.2", "Concrete voorbeelden van gedrag", "I", "I8", "Voorbeeldzinnen en voorbeeldgedrag aanreiken.", 1.5, 0},
	{"I8.3", "Gedrag oefenen", "I", "I8", "Een gesprek of situatie vooraf oefenen.", 1.5, 0},

	{"M1", "Vertrouwen", "M", "", "De cliënt gaat de netwerkondersteuner of een naaste vertrouwen.", 6, 0},
	{"M2", "Bewustwording", "M", "", "De cliënt ziet het belang of de omvang van het netwerk.", 4, 0},
	{"M3", "Herkenning", "M", "", "De cliënt voelt zich gezien en herkend.", 3, 0},
	{"M4", "Gesteund voelen", "M", "", "Cliënt of naaste staat er niet meer alleen voor.", 3.5, 0},
	{"M5", "Eigen regie", "M", "", "De cliënt maakt zelf keuzes over het netwerk.", 2.5, 0},
	{"M6", "Wederkerigheid", "M", "", "Geven en nemen komen in balans.", 1, 0},
	{"M7", "Zelfvertrouwen", "M", "", "De cliënt durft (weer) contact te zoeken.", 1.5, 0},

	{"O1", "Contact hersteld", "O", "", "Contact met een naaste is hersteld.", 5, 0},
	{"O2", "Nieuw contact", "O", "", "De cliënt heeft een nieuw sociaal contact.", 2, 0},
	{"O3", "Praktische steun", "O", "", "Naasten helpen praktisch (post, verhuizing, afspraken).", 3.5, 0},
	{"O4", "Emotionele steun", "O", "", "Naasten bieden een luisterend oor of troost.", 3.5, 0},
	{"O5", "Gevoel van eigenwaarde", "O", "", "De cliënt voelt zich (weer) van waarde.", 2, 0},
	{"O6", "Meer eigen regie", "O", "", "De cliënt regelt meer zelf.", 2.5, 0},
	{"O7", "Doorbraak", "O", "", "Een doorbraakpunt in het traject.", 1, 0},
	{"O8", "Geen resultaat", "O", "", "De interventie leverde (nog) niets op.", 1.5, 0},
}

// byID indexes the codebook; only ever looked up, never ranged over.
var byID = func() map[string]*code {
	m := make(map[string]*code, len(codebook))
	for i := range codebook {
		m[codebook[i].id] = &codebook[i]
	}
	return m
}()

// categoryOf returns a code's top-level ancestor.
func categoryOf(id string) string {
	for byID[id].parent != "" {
		id = byID[id].parent
	}
	return id
}

// children returns the direct children of parent ("" for top level) within
// dimension dim, in codebook order.
func children(dim, parent string) []*code {
	var out []*code
	for i := range codebook {
		if c := &codebook[i]; c.dim == dim && c.parent == parent {
			out = append(out, c)
		}
	}
	return out
}

// bias multiplies the base weight of some categories; a missing key is 1.
type bias map[string]float64

func (b bias) of(cat string) float64 {
	if w, ok := b[cat]; ok {
		return w
	}
	return 1
}

// draw picks a code of dimension dim: a category by weight times bias, then
// (except with chance pCategory) one of its parts by weight.
func (r *rng) draw(dim string, b bias, pCategory float64) string {
	cats := children(dim, "")
	w := make([]float64, len(cats))
	for i, c := range cats {
		w[i] = c.weight * b.of(c.id)
	}
	cat := cats[r.weighted(w)]
	parts := children(dim, cat.id)
	if len(parts) == 0 || r.chance(pCategory) {
		return cat.id
	}
	w = w[:0]
	for _, p := range parts {
		w = append(w, p.weight)
	}
	return parts[r.weighted(w)].id
}

// valence draws promoting or hindering for a context code (empty otherwise).
func (r *rng) valence(id string) string {
	c := byID[id]
	if c.dim != "C" {
		return ""
	}
	if r.chance(c.promote) {
		return "promoting"
	}
	return "hindering"
}
