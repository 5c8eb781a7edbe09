// Package cimo owns chain linking: turning coded segments into CIMO chains
// (Context, Intervention, Mechanism, Outcome) and each chain into the
// configurations that the reports count.
//
// The rules, from the input contract:
//   - A coding's chain is its chain_id, else its event_id, else it has none.
//     A chain_id and an event_id that happen to read the same are different
//     chains.
//   - Chains are linked per scope: within each work package from the codings
//     it has there, and over the whole study ("all"). A chain that spans work
//     packages is therefore a partial chain in each of them.
//   - A chain is complete when it has at least one code of each dimension.
//   - Its configurations are every distinct (intervention category, mechanism
//     code, outcome code) of the cross product of its I, M and O codes, with
//     "" for a missing mechanism or outcome; a chain without an I code has
//     none but still counts as an incomplete chain.
//
// Linking is set-based SQL on the store being built: it touches no row
// in Go, so it costs the same whether a study has a thousand codings or a
// million.
package cimo
