package reports

import "image/color"

// categoryPalette is Paul Tol's "muted" qualitative scheme (Tol 2021,
// "Colour schemes", SRON/EPS/TN/09-002, figure 4): nine colours that
// colour-blind readers can tell apart. Every figure gives an intervention
// category the colour of its place among the codebook's intervention
// categories in code order, so a category has one colour throughout a
// study: its bars, its dots on the timelines and its bands in the flow. A
// tenth category starts the scheme again.
var categoryPalette = []color.RGBA{
	rgb(0xCC6677), rgb(0x332288), rgb(0xDDCC77), rgb(0x117733), rgb(0x88CCEE),
	rgb(0x882255), rgb(0x44AA99), rgb(0x999933), rgb(0xAA4499),
}

// categoryColor is the colour of the i-th intervention category (from 0).
func categoryColor(i int) color.RGBA { return categoryPalette[i%len(categoryPalette)] }

func rgb(x uint32) color.RGBA {
	return color.RGBA{R: uint8(x >> 16), G: uint8(x >> 8), B: uint8(x), A: 0xff}
}
