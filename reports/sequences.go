package reports

import "context"

// sequencesQuery writes the scope's timelines in TraMineR's SPELL format:
// one spell per event, with the case as the individual, the event's rank as
// both its begin and its end (one position per event, so spells never
// overlap and gaps in seq do not become gaps in the sequence), and the
// event's kind as the status. The first four columns are in the order
// TraMineR's seqformat expects by default (id, begin, end, status); the rest
// are extra columns it ignores unless asked for. categories joins the
// event's intervention categories with "+", in code order, so that it can
// serve as a status too. Dates are the fuzzy dates' bounds as ISO days.
const sequencesQuery = timelineScope + `
SELECT e.case_id, e.rank, e.rank, e.kind, e.seq, e.event_id, coalesce(e.phase, ''),
       coalesce(string_agg(c.category, '+' ORDER BY c.category), ''),
       coalesce(e.date, ''), coalesce(strftime(e.date_from, '%Y-%m-%d'), ''), coalesce(strftime(e.date_to, '%Y-%m-%d'), ''),
       ''
FROM tl_events e LEFT JOIN tl_categories c USING (event_id)
GROUP BY e.case_id, e.rank, e.kind, e.seq, e.event_id, e.phase, e.date, e.date_from, e.date_to
ORDER BY e.case_id, e.rank`

var sequencesTable = table{
	file: "sequences.csv",
	header: []string{"case_id", "begin", "end", "kind", "seq", "event_id", "phase", "categories",
		"date", "date_from", "date_to", "note"},
	query: sequencesQuery,
}

// sequences builds sequences.csv.
func sequences(ctx context.Context, q Queryer, lang, scope string) ([][]string, error) {
	recs, err := sequencesTable.records(ctx, q, scope)
	if err != nil {
		return nil, err
	}
	if len(recs) == 1 {
		recs = append(recs, timelineNoteRow(sequencesTable.header, text(lang, "timelines.none")))
	}
	return recs, nil
}
