package reports

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// A configuration is what one intervention moment links: an intervention
// category, a mechanism code and an outcome code, each "" when the chain has
// none, and the dimensions its chains lack. Every chain is behind at least
// one configuration: the cross product of its categories, mechanisms and
// outcomes (README, "What is counted").
type configuration struct {
	Category, Mechanism, Outcome string
	Missing                      string // e.g. "C M": what the chains lack, in C, I, M, O order
	Chains                       int    // distinct chains
	Shared                       int    // of those, chains with more than one configuration
	Cases, Respondents           int    // distinct, over all codings of the chains
	ChainIDs                     string // "chain_id:K1;event_id:T01-E02", sorted by kind, then id
	Contexts                     []contextCount
}

// contextCount is one context code found in a configuration's chains.
type contextCount struct {
	Code                           string
	Chains                         int // chains with the code
	Promoting, Hindering, Unvalued int // chains with the code coded so (a chain may count in more than one)
}

// configurationChains gives every chain of the scope its configurations:
// the chains table says what it lacks, the I, M and O codings what it has.
// Shared by the configuration queries below.
const configurationChains = `
WITH ch AS (SELECT * FROM chains WHERE scope = $1),
i AS (SELECT DISTINCT chain_kind, chain_ref, category AS item FROM chain_codings WHERE scope = $1 AND dimension = 'I'),
m AS (SELECT DISTINCT chain_kind, chain_ref, code AS item FROM chain_codings WHERE scope = $1 AND dimension = 'M'),
o AS (SELECT DISTINCT chain_kind, chain_ref, code AS item FROM chain_codings WHERE scope = $1 AND dimension = 'O'),
cfg AS (
  SELECT ch.chain_kind, ch.chain_ref,
         coalesce(i.item, '') AS ic, coalesce(m.item, '') AS mc, coalesce(o.item, '') AS oc,
         concat_ws(' ',
           CASE WHEN NOT ch.has_context THEN 'C' END, CASE WHEN NOT ch.has_intervention THEN 'I' END,
           CASE WHEN NOT ch.has_mechanism THEN 'M' END, CASE WHEN NOT ch.has_outcome THEN 'O' END) AS missing,
         count(*) OVER (PARTITION BY ch.chain_kind, ch.chain_ref) AS per_chain
  FROM ch
  LEFT JOIN i ON i.chain_kind = ch.chain_kind AND i.chain_ref = ch.chain_ref
  LEFT JOIN m ON m.chain_kind = ch.chain_kind AND m.chain_ref = ch.chain_ref
  LEFT JOIN o ON o.chain_kind = ch.chain_kind AND o.chain_ref = ch.chain_ref),
who AS (
  SELECT DISTINCT cc.chain_kind, cc.chain_ref, cc.case_id, c.respondent_id
  FROM chain_codings cc JOIN codings c ON c.segment_no = cc.segment_no AND c.code = cc.code
  WHERE cc.scope = $1)`

// configurationOrder lists configurations by category, mechanism and
// outcome (bytes), a missing one after the others, then by what is missing.
const configurationOrder = `ic = '', ic, mc = '', mc, oc = '', oc, missing`

const configurationsQuery = configurationChains + `,
g AS (
  SELECT ic, mc, oc, missing, count(*) AS chains, count(*) FILTER (per_chain > 1) AS shared,
         string_agg(chain_kind || ':' || chain_ref, ';' ORDER BY chain_kind, chain_ref) AS ids
  FROM cfg GROUP BY ic, mc, oc, missing),
w AS (
  SELECT ic, mc, oc, missing, count(DISTINCT case_id) AS cases, count(DISTINCT respondent_id) AS respondents
  FROM cfg JOIN who USING (chain_kind, chain_ref) GROUP BY ic, mc, oc, missing)
SELECT ic, mc, oc, missing, chains, shared, coalesce(cases, 0), coalesce(respondents, 0), ids
FROM g LEFT JOIN w USING (ic, mc, oc, missing)
ORDER BY ` + configurationOrder

// configurationContextsQuery counts, per configuration and context code, the
// chains with that code, and those where it was coded promoting, hindering
// or without a valence.
const configurationContextsQuery = configurationChains + `,
cx AS (
  SELECT DISTINCT cc.chain_kind, cc.chain_ref, cc.code, c.valence
  FROM chain_codings cc JOIN codings c ON c.segment_no = cc.segment_no AND c.code = cc.code
  WHERE cc.scope = $1 AND cc.dimension = 'C')
SELECT ic, mc, oc, missing, cx.code,
       count(DISTINCT (chain_kind, chain_ref)),
       count(DISTINCT (chain_kind, chain_ref)) FILTER (cx.valence = 'promoting'),
       count(DISTINCT (chain_kind, chain_ref)) FILTER (cx.valence = 'hindering'),
       count(DISTINCT (chain_kind, chain_ref)) FILTER (cx.valence IS NULL)
FROM cfg JOIN cx USING (chain_kind, chain_ref)
GROUP BY ic, mc, oc, missing, cx.code
ORDER BY ` + configurationOrder + `, cx.code`

// configurations reads the configurations of scope with their contexts.
func configurations(ctx context.Context, q Queryer, scope string) ([]configuration, error) {
	rows, err := q.QueryContext(ctx, configurationsQuery, scope)
	if err != nil {
		return nil, fmt.Errorf("configurations: %w", err)
	}
	defer rows.Close()
	var out []configuration
	at := map[[4]string]int{}
	for rows.Next() {
		var c configuration
		if err := rows.Scan(&c.Category, &c.Mechanism, &c.Outcome, &c.Missing, &c.Chains, &c.Shared, &c.Cases, &c.Respondents, &c.ChainIDs); err != nil {
			return nil, fmt.Errorf("configurations: %w", err)
		}
		at[[4]string{c.Category, c.Mechanism, c.Outcome, c.Missing}] = len(out)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("configurations: %w", err)
	}
	rows.Close()

	rows, err = q.QueryContext(ctx, configurationContextsQuery, scope)
	if err != nil {
		return nil, fmt.Errorf("configuration contexts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key [4]string
		var x contextCount
		if err := rows.Scan(&key[0], &key[1], &key[2], &key[3], &x.Code, &x.Chains, &x.Promoting, &x.Hindering, &x.Unvalued); err != nil {
			return nil, fmt.Errorf("configuration contexts: %w", err)
		}
		i, ok := at[key]
		if !ok {
			return nil, fmt.Errorf("configuration contexts: no configuration %q", key)
		}
		out[i].Contexts = append(out[i].Contexts, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("configuration contexts: %w", err)
	}
	return out, nil
}

// configurationRecords is configurations.csv, header first. A scope without
// chains gets one row that says so.
func configurationRecords(cfgs []configuration, lang string) [][]string {
	out := [][]string{{"intervention_category", "mechanism", "outcome", "missing", "chains", "cases", "respondents",
		"shared_chains", "contexts", "chain_ids", "note"}}
	if len(cfgs) == 0 {
		return append(out, []string{"", "", "", "", "", "", "", "", "", "", text(lang, "config.nochains")})
	}
	for _, c := range cfgs {
		var notes []string
		for _, d := range strings.Fields(c.Missing) {
			notes = append(notes, text(lang, "missing."+d))
		}
		if c.Shared > 0 {
			notes = append(notes, fmt.Sprintf(text(lang, "config.shared"), c.Shared, c.Chains))
		}
		out = append(out, []string{c.Category, c.Mechanism, c.Outcome, c.Missing, strconv.Itoa(c.Chains),
			strconv.Itoa(c.Cases), strconv.Itoa(c.Respondents), strconv.Itoa(c.Shared),
			contextsCell(c.Contexts, lang), c.ChainIDs, strings.Join(notes, "; ")})
	}
	return out
}

// contextsCell writes a configuration's contexts for reading in a
// spreadsheet: "C1.2 (3: 1 promoting, 2 hindering); C2.1 (1)". The number
// after the code is its chains; the valences follow when any chain gave the
// code one. configuration_contexts.csv has the same counts in columns.
func contextsCell(xs []contextCount, lang string) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.Code + " (" + strconv.Itoa(x.Chains)
		if x.Promoting+x.Hindering > 0 {
			var vs []string
			for _, v := range []struct {
				n   int
				key string
			}{{x.Promoting, "valence.promoting"}, {x.Hindering, "valence.hindering"}, {x.Unvalued, "valence.none"}} {
				if v.n > 0 {
					vs = append(vs, strconv.Itoa(v.n)+" "+text(lang, v.key))
				}
			}
			parts[i] += ": " + strings.Join(vs, ", ")
		}
		parts[i] += ")"
	}
	return strings.Join(parts, "; ")
}

// configurationContextRecords is configuration_contexts.csv: one row per
// configuration and context code.
func configurationContextRecords(cfgs []configuration, lang string) [][]string {
	out := [][]string{{"intervention_category", "mechanism", "outcome", "missing", "context", "chains",
		"promoting", "hindering", "no_valence", "note"}}
	for _, c := range cfgs {
		for _, x := range c.Contexts {
			out = append(out, []string{c.Category, c.Mechanism, c.Outcome, c.Missing, x.Code, strconv.Itoa(x.Chains),
				strconv.Itoa(x.Promoting), strconv.Itoa(x.Hindering), strconv.Itoa(x.Unvalued), ""})
		}
	}
	if len(out) == 1 {
		note := text(lang, "config.nochains")
		if len(cfgs) > 0 {
			note = text(lang, "config.nocontexts")
		}
		out = append(out, []string{"", "", "", "", "", "", "", "", "", note})
	}
	return out
}
