package ref

// World regions group destinations the way a job seeker in Togo thinks of them: the ECOWAS
// states (free movement), the rest of Africa, Europe, the Middle East and Gulf (a large
// destination of domestic and construction workers), the Americas, and Asia–Pacific. The
// grouping follows the UN geoscheme (M49) continents, with the Middle East taken out of Asia.
const (
	WorldECOWAS     = "ecowas"
	WorldAfrica     = "africa" // Africa outside ECOWAS
	WorldEurope     = "europe"
	WorldMiddleEast = "middle_east"
	WorldAmericas   = "americas"
	WorldAsia       = "asia_pacific"
)

// WorldRegions lists the world regions in display order.
var WorldRegions = []string{WorldECOWAS, WorldAfrica, WorldEurope, WorldMiddleEast, WorldAmericas, WorldAsia}

// continent codes by alpha-3, from the UN geoscheme (M49) regions.
var continents = map[string][]string{
	WorldAfrica: {"DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG", "COD", "CIV", "DJI",
		"EGY", "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI",
		"MRT", "MUS", "MYT", "MAR", "MOZ", "NAM", "NER", "NGA", "REU", "RWA", "SHN", "STP", "SEN", "SYC", "SLE", "SOM", "ZAF",
		"SSD", "SDN", "TZA", "TGO", "TUN", "UGA", "ESH", "ZMB", "ZWE", "IOT", "ATF"},
	WorldEurope: {"ALA", "ALB", "AND", "AUT", "BLR", "BEL", "BIH", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FRO", "FIN",
		"FRA", "DEU", "GIB", "GRC", "GGY", "VAT", "HUN", "ISL", "IRL", "IMN", "ITA", "JEY", "LVA", "LIE", "LTU", "LUX", "MLT",
		"MDA", "MCO", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU", "RUS", "SMR", "SRB", "SVK", "SVN", "ESP", "SJM", "SWE",
		"CHE", "UKR", "GBR", "XKX"},
	WorldMiddleEast: {"ARE", "BHR", "IRN", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN", "PSE", "QAT", "SAU", "SYR", "TUR", "YEM"},
	WorldAmericas: {"AIA", "ATG", "ARG", "ABW", "BHS", "BRB", "BLZ", "BMU", "BOL", "BES", "BVT", "BRA", "CAN", "CYM", "CHL",
		"COL", "CRI", "CUB", "CUW", "DMA", "DOM", "ECU", "SLV", "FLK", "GUF", "GRL", "GRD", "GLP", "GTM", "GUY", "HTI", "HND",
		"JAM", "MTQ", "MEX", "MSR", "NIC", "PAN", "PRY", "PER", "PRI", "BLM", "KNA", "LCA", "MAF", "SPM", "VCT", "SXM", "SGS",
		"SUR", "TTO", "TCA", "USA", "URY", "VEN", "VGB", "VIR", "UMI"},
	WorldAsia: {"AFG", "ARM", "AZE", "BGD", "BTN", "BRN", "KHM", "CHN", "GEO", "HKG", "IND", "IDN", "JPN", "KAZ", "PRK",
		"KOR", "KGZ", "LAO", "MAC", "MYS", "MDV", "MNG", "MMR", "NPL", "PAK", "PHL", "SGP", "LKA", "TWN", "TJK", "THA", "TLS",
		"TKM", "UZB", "VNM", "ASM", "AUS", "CXR", "CCK", "COK", "FJI", "PYF", "GUM", "HMD", "KIR", "MHL", "FSM", "NRU", "NCL",
		"NZL", "NIU", "NFK", "MNP", "PLW", "PNG", "PCN", "WSM", "SLB", "TKL", "TON", "TUV", "VUT", "WLF", "ATA"},
}

// WorldRegion returns the world region of a country (alpha-3), or "" for an unknown code.
func (r *Ref) WorldRegion(alpha3 string) string {
	if c, ok := r.Country(alpha3); ok && c.ECOWAS {
		return WorldECOWAS
	}
	return r.world[alpha3]
}

// CountriesIn returns the alpha-3 codes of a world region's countries.
func (r *Ref) CountriesIn(region string) []string {
	var out []string
	for _, c := range r.Countries() {
		if r.WorldRegion(c.Alpha3) == region {
			out = append(out, c.Alpha3)
		}
	}
	return out
}

func worldTable() map[string]string {
	m := map[string]string{}
	for region, codes := range continents {
		for _, c := range codes {
			m[c] = region
		}
	}
	return m
}
