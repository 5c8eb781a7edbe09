package coding

import (
	"strings"

	"github.com/cimo-tool/cimo/coding/refi"
)

// REFI is the codebook as a REFI-QDA codebook, for ATLAS.ti, MAXQDA, NVivo
// and QualCoder. A code is named "<code> <label>" so that its id survives a
// round through a QDA tool (read it back with code ids "prefix"), and its
// GUID derives from its id, so that every export gives a code the same GUID.
func (cb *Codebook) REFI() *refi.Codebook {
	out := &refi.Codebook{Origin: "cimo"}
	byCode := make(map[string]*refi.Code, len(cb.Codes))
	for _, c := range cb.Codes {
		rc := &refi.Code{
			GUID:        refi.StableGUID(c.Code),
			Name:        strings.TrimSpace(c.Code + " " + c.Label),
			Description: c.Description,
			IsCodable:   true,
		}
		byCode[c.Code] = rc
	}
	// Codes may be listed before their parents: nest in a second pass, in
	// codebook order.
	for _, c := range cb.Codes {
		rc := byCode[c.Code]
		if p, ok := byCode[c.Parent]; ok && c.Parent != "" {
			rc.Parent = p.GUID
			p.Children = append(p.Children, rc)
			continue
		}
		out.Codes = append(out.Codes, rc)
	}
	return out
}
