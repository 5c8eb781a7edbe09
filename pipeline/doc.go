// Package pipeline owns the study file and the order of the stages: read and
// validate the coding, load it into the store in one transaction, link the
// CIMO chains, and write the tables and figures. Each stage only reads what
// the one before it produced.
package pipeline
