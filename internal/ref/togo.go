package ref

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// Region is one of the five regions of Togo, with its ISO 3166-2 code ("TG-M") and its
// prefectures.
type Region struct {
	Code        string       `json:"code"`
	Name        string       `json:"name"`
	Prefectures []Prefecture `json:"prefectures"`
}

// Prefecture is a prefecture of Togo. Seat is its chef-lieu; GrandLome is true for the
// prefectures that form the Autonomous District of Greater Lomé (Golfe and Agouè-Nyivé), which
// stay part of the Maritime region.
type Prefecture struct {
	Name      string `json:"name"`
	Seat      string `json:"seat"`
	GrandLome bool   `json:"grand_lome"`
}

type togoTable struct {
	regions      []Region       // file order: north to south
	byCode       map[string]int // region code → index in regions
	byPrefecture map[string]int // folded prefecture name → index in regions
}

func loadTogo(fsys fs.FS) (togoTable, error) {
	const name = "togo_admin.csv"
	rows, err := readCSV(fsys, name, "type", "name", "region", "region_iso3166_2", "chef_lieu", "district_autonome_grand_lome")
	if err != nil {
		return togoTable{}, err
	}
	t := togoTable{byCode: map[string]int{}, byPrefecture: map[string]int{}}
	for i, row := range rows {
		switch row[0] {
		case "region":
			if row[1] != row[2] || !strings.HasPrefix(row[3], "TG-") {
				return togoTable{}, rowError(name, i, "region %q has code %q", row[1], row[3])
			}
			if _, dup := t.byCode[row[3]]; dup {
				return togoTable{}, rowError(name, i, "duplicate region %s", row[3])
			}
			t.byCode[row[3]] = len(t.regions)
			t.regions = append(t.regions, Region{Code: row[3], Name: row[1]})
		case "prefecture":
			ri, ok := t.byCode[row[3]]
			if !ok || t.regions[ri].Name != row[2] {
				return togoTable{}, rowError(name, i, "prefecture %q is in unknown region %q %q", row[1], row[2], row[3])
			}
			if row[5] != "0" && row[5] != "1" {
				return togoTable{}, rowError(name, i, "grand_lome is %q, want 0 or 1", row[5])
			}
			key := Fold(row[1])
			if _, dup := t.byPrefecture[key]; dup || key == "" {
				return togoTable{}, rowError(name, i, "duplicate prefecture %q", row[1])
			}
			t.byPrefecture[key] = ri
			p := Prefecture{Name: row[1], Seat: row[4], GrandLome: row[5] == "1"}
			t.regions[ri].Prefectures = append(t.regions[ri].Prefectures, p)
		case "district_autonome":
			// The district is told by the GrandLome flag of its prefectures; the row itself has
			// no region and nothing else to keep.
		default:
			return togoTable{}, rowError(name, i, "unknown type %q", row[0])
		}
	}
	for _, reg := range t.regions {
		if len(reg.Prefectures) == 0 {
			return togoTable{}, fmt.Errorf("ref: %s: region %s has no prefecture", name, reg.Code)
		}
	}
	return t, nil
}

// Regions returns the five regions of Togo, north to south (Savanes, Kara, Centrale, Plateaux,
// Maritime), each with its prefectures in file order (alphabetical).
func (r *Ref) Regions() []Region {
	out := slices.Clone(r.togo.regions)
	for i := range out {
		out[i].Prefectures = slices.Clone(out[i].Prefectures)
	}
	return out
}

// Region returns the region with this ISO 3166-2 code ("TG-M", any case), or false.
func (r *Ref) Region(code string) (Region, bool) {
	i, ok := r.togo.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Region{}, false
	}
	return r.regionAt(i), true
}

// RegionOfPrefecture returns the region of the prefecture with this name, ignoring accents, case
// and punctuation ("agoue nyive" finds Agouè-Nyivé in Maritime), or false if there is none.
func (r *Ref) RegionOfPrefecture(name string) (Region, bool) {
	i, ok := r.togo.byPrefecture[Fold(name)]
	if !ok {
		return Region{}, false
	}
	return r.regionAt(i), true
}

// regionAt returns a copy of region i that the caller may modify.
func (r *Ref) regionAt(i int) Region {
	reg := r.togo.regions[i]
	reg.Prefectures = slices.Clone(reg.Prefectures)
	return reg
}
