package data

import "strings"

// Invented Dutch text. {n} stands for a relative ("zus", "oom", ...) so that
// a few templates give many different quotes. Some contain commas, quotes
// and diacritics on purpose: the CSV reader must cope with them.

var relatives = []string{
	"zus", "broer", "moeder", "vader", "dochter", "zoon", "tante", "oom",
	"ex-partner", "neef", "nicht", "oude vriend", "buurvrouw", "schoonzus",
}

// quotes holds templates per code, falling back to the code's category.
var quotes = map[string][]string{
	"C1":   {"Zijn situatie was zo wankel, dat we eerst moesten kijken wat wél kon."},
	"C1.1": {"Ik heb eigenlijk niemand meer, alleen mijn {n} af en toe.", "Op het ecogram stonden alleen hulpverleners, verder was het leeg."},
	"C1.2": {"Hij schaamt zich, hij wil niet dat zijn {n} weet waar hij slaapt.", "Ik durfde niet te bellen. Wat moet ik zeggen, dat ik in de opvang zit?"},
	"C1.3": {"Als je op straat leeft, denk je alleen aan vandaag: eten, een bed, geld.", "Ze zat echt in de overleefstand, aan netwerk dacht ze niet."},
	"C1.4": {"Het gebruik zat er steeds tussen, ook bij de afspraken met zijn {n}.", "Zolang hij gebruikte, wilde zijn {n} hem niet zien."},
	"C1.5": {"Haar familie woont in het buitenland, dus videobellen is het enige wat kan.", "Mijn moeder weet niet eens dat ik dakloos ben, ze woont ver weg."},
	"C1.6": {"Zijn {n} was op, die had al jaren alles opgevangen.", "De {n} zei: ik kan het niet meer, ik heb zelf ook kinderen."},
	"C1.7": {"Op de wachtlijst kun je weinig, je weet niet waar je terechtkomt.", "Pas toen hij in het beschermd wonen zat, kwam er ruimte voor familie."},
	"C2":   {"De stad biedt ook veel: buurthuizen, een café, vrijwilligerswerk."},
	"C2.1": {"In de stad ken je je buren niet, niemand kijkt naar je om.", "Je bent hier anoniem, dat is fijn, maar ook eenzaam."},
	"C2.2": {"We spraken via een tolk, en zijn ideeën over familie waren anders dan de mijne.", "In zijn cultuur praat je niet over problemen met buitenstaanders."},
	"C2.3": {"Aan de ene kant van de gracht rijkdom, aan de andere kant slapen mensen in portieken.", "De stad is duur; wie eruit valt, komt er moeilijk weer in."},
	"C3":   {"Het beleid zegt netwerk eerst, maar de regels werken het tegen."},
	"C3.1": {"Met de gemeente hebben we het samen opgezet, dat geeft continuïteit.", "Elke keer een nieuwe aanbesteding, dan begin je weer opnieuw."},
	"C3.2": {"Schulden, wonen en zorg moeten tegelijk, anders loop je vast.", "De wijkteams en de opvang werken nu echt samen, één plan voor de cliënt."},
	"C3.3": {"Door de kostendelersnorm durft zijn {n} hem niet in huis te nemen.", "Als hij bij zijn {n} slaapt, wordt die gekort op de uitkering, dat is het probleem."},
	"C4":   {"Het team kreeg er tijd voor, dat maakte het verschil."},
	"C4.1": {"Van wachtlijst tot eigen woning bleef hetzelfde netwerk in beeld.", "Bij de overgang naar ambulant was niemand op de hoogte van het netwerk."},
	"C4.2": {"Het staat nu in het ondersteuningsplan, dat helpt om het vast te houden.", "Zonder de coördinator zakt het weer weg, het is nog niet geborgd."},
	"I1": {
		"Ik nam er bewust de tijd voor, ook al stond de planning vol.",
		"In de intervisie hebben we zijn casus besproken, dat gaf me nieuwe ideeën.",
		"We hebben een huiselijke ruimte geregeld, met koffie, zodat zijn {n} zich welkom voelde.",
		"Bij de overdracht heb ik het ecogram meegegeven aan de nieuwe begeleider.",
	},
	"I2": {
		"Eerst gewoon koffie drinken, zonder agenda, om te laten zien dat ik er ben.",
		"We hebben eerst zijn financiële zaken op orde gebracht, anders had hij geen ruimte.",
		"Ik heb gevraagd hoe het met zijn {n} zelf ging, want die was uitgeput.",
	},
	"I3": {
		"Ik vroeg: wie zou je bellen als het misgaat?",
		"Samen hebben we het ecogram gemaakt, met alle namen erop, ook de lastige.",
		"Hij noemde zijn {n} terloops, daar heb ik op doorgevraagd.",
	},
	"I4": {
		"We hebben samen een berichtje aan zijn {n} geschreven, na jaren stilte.",
		"Ik heb haar meegenomen naar het buurthuis, daar is een kookgroep.",
		"Die vriend van vroeger bracht hem steeds weer bij het gebruik, dus daar hebben we een grens getrokken.",
	},
	"I5": {
		"Kleine stapjes: eerst een kaartje, daarna een keer bellen.",
		"We zaten met z'n drieën aan tafel, hij, zijn {n} en ik.",
		"Ik heb zijn {n} apart gesproken, die had veel zorgen en vragen.",
	},
	"I6": {
		"In het gesprek kwam ieders verhaal op tafel, ook de boosheid.",
		"Ik heb de opties met voor- en nadelen laten zien, maar de keuze was aan hem.",
		"Via zijn {n} begreep ik beter waarom hij zo reageerde.",
	},
	"I7": {
		"Hij ging boodschappen doen voor zijn oude buurvrouw, dat vond hij mooi.",
		"We bespraken wat het voor zijn {n} zou betekenen als hij daar ging logeren.",
		"Ze kookte voor de groep, voor het eerst gaf zij iets terug.",
	},
	"I8": {
		"We oefenden het telefoongesprek eerst met mij, zin voor zin.",
		`Ik gaf een voorbeeld: je kunt zeggen, "ik wil je graag weer zien".`,
		"We sloten aan bij wat hij aankon: één afspraak per week, niet meer.",
	},
	"M1": {"Ze zag dat ik bleef komen, daardoor kreeg ze vertrouwen.", "Ik vertrouwde haar, ze deed wat ze zei."},
	"M2": {"Toen zag hij pas hoeveel mensen er eigenlijk nog waren.", "Het ecogram maakte hem bewust van wie hij kwijt was."},
	"M3": {"Zij vertelde over haar eigen broer, die herkenning raakte me.", "Hij voelde zich eindelijk gehoord, niet alleen als dossier."},
	"M4": {"Ik stond er niet meer alleen voor, dat gevoel was nieuw.", "Zijn {n} voelde zich gesteund door het gesprek."},
	"M5": {"Ik mocht zelf kiezen wie er bij het gesprek kwam.", "Zij bepaalde het tempo, wij volgden."},
	"M6": {"Hij voelde dat hij ook iets te bieden had.", "Het was niet meer alleen nemen, ze gaf ook terug."},
	"M7": {"Na dat eerste telefoontje durfde hij meer.", "Ik dacht: als dit lukt, kan ik de rest ook."},
	"O1": {"Na drie jaar heeft hij zijn {n} weer gesproken.", "Het contact met zijn {n} is hersteld, ze appen nu wekelijks."},
	"O2": {"Bij de kookgroep heeft ze een vriendin gemaakt.", "Hij heeft nu een maatje via het vrijwilligerswerk."},
	"O3": {"Zijn {n} helpt nu met de post en de financiële zaken.", "Bij de verhuizing stonden er ineens vier mensen klaar."},
	"O4": {"Ze belt haar {n} als het slecht gaat, dat kon eerst niet.", "Er is nu iemand die naar hem luistert, buiten de hulpverlening."},
	"O5": {"Ze voelt zich weer iemand, niet alleen een cliënt.", "Hij zei: ik ben toch nog iets waard."},
	"O6": {"Nu regelt hij zelf de afspraken met zijn {n}.", "Ze neemt haar eigen beslissingen, ook als wij het anders zouden doen."},
	"O7": {"Dat was echt het kantelpunt, vanaf toen ging het anders.", "De reünie met zijn {n} was een doorbraak, voor iedereen."},
	"O8": {"Het contact kwam er niet, hoe vaak we het ook probeerden.", "Zijn {n} wilde niet meer, dat moesten we accepteren."},
}

// activities describes timeline activities by their main intervention part.
var activities = map[string][]string{
	"I1":   {"Tijd ingepland voor netwerkondersteuning"},
	"I1.1": {"Extra tijd ingepland voor kennismaking"},
	"I1.2": {"Casus ingebracht in intervisie"},
	"I1.3": {"Besproken of cliënt openstaat voor netwerkondersteuning"},
	"I1.4": {"Huiselijke ruimte geregeld voor bezoek van {n}"},
	"I1.5": {"Netwerk overgedragen aan nieuwe begeleider"},
	"I2":   {"Kennismaking en eerste afspraken"},
	"I2.1": {"Wekelijks koffie gedronken, zonder agenda", "Samen boodschappen gedaan"},
	"I2.2": {"Hulp bij aanvraag uitkering en schuldhulp", "Briefadres en zorgverzekering geregeld"},
	"I2.3": {"Gesprek met {n} over wat die nog kan dragen"},
	"I3":   {"Gesprek over het netwerk"},
	"I3.1": {"Gesprek over waarom een netwerk belangrijk is"},
	"I3.2": {"Ecogram gemaakt met cliënt"},
	"I3.3": {"Doorgevraagd op opmerking over {n}"},
	"I4":   {"Gewerkt aan uitbreiding van het netwerk"},
	"I4.1": {"Samen bericht gestuurd aan {n}"},
	"I4.2": {"Meegegaan naar kookgroep in het buurthuis", "Vrijwilligerswerk gezocht"},
	"I4.3": {"Contact met oude gebruiksvriend begrensd"},
	"I5":   {"Gewerkt aan contact met {n}"},
	"I5.1": {"Kaartje gestuurd aan {n}", "Wandeling met {n} voorbereid"},
	"I5.2": {"Triadisch gesprek met cliënt en {n}"},
	"I5.3": {"Apart gesprek met {n} over diens zorgen"},
	"I6":   {"Gezamenlijk gesprek"},
	"I6.1": {"Netwerkberaad met cliënt, {n} en begeleiders"},
	"I6.2": {"Opties voor wonen besproken, keuze bij cliënt"},
	"I6.3": {"Gesprek met {n} om cliënt beter te begrijpen"},
	"I7":   {"Gesproken over iets betekenen voor een ander"},
	"I7.1": {"Cliënt helpt buurvrouw met boodschappen"},
	"I7.2": {"Besproken wat logeren betekent voor {n}"},
	"I8":   {"Gewerkt aan sociale vaardigheden"},
	"I8.1": {"Afspraken teruggebracht tot één per week"},
	"I8.2": {"Voorbeeldzinnen bedacht voor gesprek met {n}"},
	"I8.3": {"Telefoongesprek met {n} geoefend"},
}

var breakthroughs = []string{
	"Eerste bezoek van {n} sinds jaren",
	"Aanbod van {n} om mee te gaan naar afspraken",
	"Cliënt belt uit zichzelf met {n}",
	"Verjaardag gevierd met familie",
	"Cliënt vraagt zelf om een netwerkberaad",
	"Verzoening met {n} na lange ruzie",
}

var setbacks = []string{
	"Terugval in gebruik",
	"Ruzie met {n}, contact verbroken",
	"Uitkering {n} gekort door kostendelersnorm",
	"Terugtrekking van {n}, overbelast",
	"Afspraak met {n} niet doorgegaan",
	"Begeleider vertrokken, overdracht mislukt",
}

// movedForward and movedBack describe a breakthrough or setback that changes
// the phase, indexed by the new phase.
var (
	movedForward = []string{"", "", "Aanmelding voor de opvang rond", "Plek in de opvang gevonden", "Plek in beschermd wonen gevonden", "Sleutel van eigen woning ontvangen"}
	movedBack    = []string{"", "Plek in de opvang kwijtgeraakt, weer op straat", "Uit de opvang vertrokken, terug op de wachtlijst", "Beschermd wonen gestopt, terug naar de opvang", "Woning dreigt verloren te gaan, terug naar beschermd wonen"}
)

// fill replaces {n} by a relative.
func (r *rng) fill(template string) string {
	return strings.ReplaceAll(template, "{n}", r.pick(relatives))
}

// quote invents what a respondent said when a segment was given code id.
func (r *rng) quote(id string) string {
	t, ok := quotes[id]
	if !ok {
		t = quotes[categoryOf(id)]
	}
	return r.fill(r.pick(t))
}
