package data

import (
	"fmt"
	"slices"
	"time"
)

const (
	roleClient       = "cliënt"
	roleRelative     = "naaste"
	roleSupporter    = "netwerkondersteuner"
	roleProfessional = "andere professional"
	roleLead         = "projectleider"
	roleManager      = "manager"
	rolePolicy       = "beleidsmaker"
	rolePeer         = "ervaringsdeskundige"
	roleTrainer      = "trainer"

	amsterdam = "Amsterdam"
	haarlem   = "Haarlem"
)

// workPackages are the study's work packages with their Dutch titles.
var workPackages = [][2]string{
	{"WP1", "Perspectieven van de betrokken actoren"},
	{"WP2", "Wat werkt: mechanismen van de interventies"},
	{"WP3", "Stedelijke, beleids- en organisatiecontext"},
	{"WP4", "Competenties en bredere toepassing"},
}

// Four invented shelter providers; Haarlem has one, Amsterdam three.
var (
	providersAmsterdam = []string{"Opvang Noord", "Stichting Dak", "Stichting Tussenthuis"}
	providerHaarlem    = "Kadehuis Haarlem"
)

type respondent struct {
	id, role, city, org string
}

type interview struct {
	id, wp, caseID string
	resp           *respondent
	date           time.Time
}

// caseFile is one client's trajectory: the timeline that WP2 interviews inform.
type caseFile struct {
	id, city   string
	interviews []*interview
	events     []*event
}

// design holds who was interviewed, when and about which case. It follows
// the real study's numbers (DOMAIN.md), with invented people.
type design struct {
	r           *rng
	respondents []*respondent
	interviews  []*interview
	cases       []*caseFile
	perCity     map[string]int // next respondent number per city
}

// person adds a respondent; its id is given at its first interview so that
// ids follow interview order, as in a real study.
func (d *design) person(role, city string) *respondent {
	org := ""
	switch {
	case role == roleRelative:
	case role == rolePolicy:
		org = "gemeente"
	case role == roleTrainer:
		org = "Bureau Netwerkkracht"
	case city == haarlem:
		org = providerHaarlem
	default:
		org = d.r.pick(providersAmsterdam)
	}
	p := &respondent{role: role, city: city, org: org}
	d.respondents = append(d.respondents, p)
	return p
}

func (d *design) interview(wp string, p *respondent, c *caseFile) *interview {
	if p.id == "" {
		d.perCity[p.city]++
		p.id = fmt.Sprintf("EX%c_%02d", p.city[0], d.perCity[p.city])
	}
	n := 1
	for _, iv := range d.interviews {
		if iv.wp == wp {
			n++
		}
	}
	iv := &interview{id: fmt.Sprintf("%s_%02d", wp, n), wp: wp, resp: p}
	if c != nil {
		iv.caseID = c.id
		c.interviews = append(c.interviews, iv)
	}
	d.interviews = append(d.interviews, iv)
	return iv
}

// schedule gives the interviews of wp increasing dates between from and to.
func (d *design) schedule(wp string, from, to time.Time) {
	var ivs []*interview
	for _, iv := range d.interviews {
		if iv.wp == wp {
			ivs = append(ivs, iv)
		}
	}
	span := int(to.Sub(from).Hours() / 24)
	days := make([]int, len(ivs))
	for i := range days {
		days[i] = d.r.IntN(span + 1)
	}
	slices.Sort(days)
	for i, iv := range ivs {
		iv.date = from.AddDate(0, 0, days[i])
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// newDesign lays out the four work packages.
func newDesign() *design {
	d := &design{r: newRNG(1), perCity: map[string]int{}}
	byRole := d.wp1()
	supporters := d.wp2(byRole[roleSupporter])
	d.wp3(byRole[roleLead], byRole[rolePolicy])
	d.wp4(supporters)
	return d
}

// wp1: 25 interviews, 21 in Amsterdam and 4 in Haarlem.
func (d *design) wp1() map[string][]*respondent {
	mix := []struct {
		role         string
		ams, haarlem int
	}{
		{roleClient, 6, 1}, {roleRelative, 2, 0}, {roleSupporter, 4, 2},
		{roleProfessional, 5, 1}, {rolePolicy, 1, 0}, {roleLead, 3, 0},
	}
	byRole := map[string][]*respondent{}
	var people []*respondent
	for _, m := range mix {
		for i := 0; i < m.ams+m.haarlem; i++ {
			city := amsterdam
			if i >= m.ams {
				city = haarlem
			}
			p := d.person(m.role, city)
			byRole[m.role] = append(byRole[m.role], p)
			people = append(people, p)
		}
	}
	d.r.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
	for _, p := range people {
		d.interview("WP1", p, nil)
	}
	d.schedule("WP1", day("2022-09-05"), day("2023-02-24"))
	return byRole
}

// wp2: 16 timeline interviews with 12 network supporters (three of them
// already met in WP1, four interviewed twice) and 6 with clients, about 16
// cases. T02 is informed by three interviews, four more cases by two, T16
// only by its client.
func (d *design) wp2(wp1Supporters []*respondent) []*respondent {
	// wp1Supporters holds four Amsterdam then two Haarlem supporters.
	sup := []*respondent{wp1Supporters[0], wp1Supporters[1], wp1Supporters[4]}
	for _, city := range []string{amsterdam, amsterdam, haarlem, amsterdam, amsterdam, haarlem, amsterdam, haarlem, amsterdam} {
		sup = append(sup, d.person(roleSupporter, city))
	}
	// In date order: supporter number (1-based, 0 = the case's client), case number.
	plan := [][2]int{
		{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}, {0, 2}, {7, 7},
		{8, 8}, {0, 4}, {1, 9}, {9, 10}, {0, 7}, {3, 11}, {4, 12}, {10, 13},
		{0, 10}, {11, 14}, {12, 15}, {0, 13}, {2, 2}, {0, 16},
	}
	for i := 1; i <= 16; i++ {
		d.cases = append(d.cases, &caseFile{id: fmt.Sprintf("T%02d", i), city: amsterdam})
	}
	for _, p := range plan {
		c := d.cases[p[1]-1]
		if p[0] == 0 {
			d.interview("WP2", d.person(roleClient, c.city), c)
			continue
		}
		s := sup[p[0]-1]
		if len(c.interviews) == 0 {
			c.city = s.city
		}
		d.interview("WP2", s, c)
	}
	d.schedule("WP2", day("2023-04-03"), day("2023-12-15"))
	return sup
}

// wp3: 10 interviews with project leads, managers and policy makers; two
// project leads and the policy maker of WP1 are interviewed again.
func (d *design) wp3(leads, policy []*respondent) {
	people := []*respondent{
		leads[0], leads[1], policy[0],
		d.person(roleLead, haarlem),
		d.person(roleManager, amsterdam), d.person(roleManager, amsterdam),
		d.person(roleManager, amsterdam), d.person(roleManager, haarlem),
		d.person(rolePolicy, amsterdam), d.person(rolePolicy, haarlem),
	}
	d.r.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
	for _, p := range people {
		d.interview("WP3", p, nil)
	}
	d.schedule("WP3", day("2023-10-02"), day("2024-03-29"))
}

// wp4: four validation sessions, each recorded under the respondent who
// spoke for it.
func (d *design) wp4(supporters []*respondent) {
	for _, p := range []*respondent{
		d.person(roleTrainer, amsterdam), d.person(rolePeer, amsterdam),
		supporters[5], d.person(rolePeer, haarlem),
	} {
		d.interview("WP4", p, nil)
	}
	d.schedule("WP4", day("2024-04-08"), day("2024-06-28"))
}
