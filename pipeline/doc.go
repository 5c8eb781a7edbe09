// Package pipeline owns the study file and the order of the stages: read and
// validate the coding, load it into a new store that takes the old one's
// place whole, link the CIMO chains, and write the tables and figures. Each stage only reads what
// the one before it produced.
package pipeline
