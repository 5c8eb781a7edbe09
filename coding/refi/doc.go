// Package refi reads REFI-QDA exchange files, the open standard that
// ATLAS.ti, MAXQDA, NVivo, QualCoder and others export (QDA-XML 1.0,
// www.qdasoftware.org): projects (.qdpx, a zip holding project.qde and the
// source texts, or the same files unzipped in a folder) and codebooks (.qdc).
// It also writes a codebook as a .qdc.
//
// The model is neutral: it keeps what a study of coded interviews needs
// (users, the code tree, plain-text sources with their decoded text, text
// selections with their codings, cases and variables) and ignores pictures,
// PDFs, audio, video, notes, links, sets and graphs, saying so in a warning.
//
// Real exports depart from the standard in known ways, and the readers accept
// them: NVivo counts selection positions in UTF-16 code units where the
// standard says Unicode code points (the unit is detected, or set with
// Options.Unit), texts may start with a byte-order mark, ATLAS.ti names the
// inner file <Project>.qde and writes empty selections, the sources folder
// may be Sources/ or sources/, and GUIDs may miss the schema's pattern. Each
// such departure that changes what was read gives a warning.
//
// Every position in the model is a rune offset into the decoded text, so
// that Go code slices []rune(text), never bytes, by it.
//
// A file that cannot be read as REFI-QDA gives an *Errors whose lines each
// name the file, the XML line where known, and what to do.
package refi
