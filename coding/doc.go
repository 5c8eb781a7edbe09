// Package coding owns what researchers coded: the codebook and its hierarchy,
// respondents, interviews, timeline events and coded segments, and the readers
// that turn a study's files into them.
//
// Reading validates as it goes and collects every problem it finds, each
// naming file, row and column, so that a researcher can fix a whole study in
// one pass instead of one error per run. Nothing here touches the store.
package coding
