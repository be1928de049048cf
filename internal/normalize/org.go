package normalize

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"mobilite"
	"mobilite/internal/ref"
)

// knownOrg is an organisation whose offers come from several sources under different names:
// its short key, its type, and its names and acronyms in English and French.
type knownOrg struct {
	Key   string
	Type  string
	Names []string
}

// knownOrgs lists the international employers whose offers reach the portal both through
// ReliefWeb and through their own feeds, with the names each writes. Acronyms that are also
// common words or names ("CARE", "Plan", "BIT", "PAM", "HI") are in exactOrgNames: they match
// only a name that is exactly them.
var knownOrgs = []knownOrg{
	{"unicef", mobilite.OrgUN, []string{"UNICEF", "United Nations Children's Fund", "UN Children's Fund", "Fonds des Nations Unies pour l'enfance"}},
	{"undp", mobilite.OrgUN, []string{"UNDP", "PNUD", "United Nations Development Programme", "UN Development Programme", "Programme des Nations Unies pour le développement"}},
	{"unhcr", mobilite.OrgUN, []string{"UNHCR", "HCR", "United Nations High Commissioner for Refugees", "Office of the United Nations High Commissioner for Refugees", "UN Refugee Agency", "Haut Commissariat des Nations Unies pour les réfugiés"}},
	{"wfp", mobilite.OrgUN, []string{"WFP", "PAM", "World Food Programme", "World Food Program", "UN World Food Programme", "Programme alimentaire mondial"}},
	{"who", mobilite.OrgUN, []string{"WHO", "OMS", "World Health Organization", "World Health Organisation", "Organisation mondiale de la santé"}},
	{"ilo", mobilite.OrgUN, []string{"ILO", "OIT", "BIT", "International Labour Organization", "International Labour Organisation", "International Labour Office", "Organisation internationale du travail", "Bureau international du travail"}},
	{"iom", mobilite.OrgUN, []string{"IOM", "OIM", "International Organization for Migration", "International Organisation for Migration", "UN Migration", "Organisation internationale pour les migrations"}},
	{"fao", mobilite.OrgUN, []string{"FAO", "Food and Agriculture Organization of the United Nations", "Food and Agriculture Organization", "Organisation des Nations Unies pour l'alimentation et l'agriculture"}},
	{"unesco", mobilite.OrgUN, []string{"UNESCO", "United Nations Educational, Scientific and Cultural Organization", "Organisation des Nations Unies pour l'éducation, la science et la culture"}},
	{"unfpa", mobilite.OrgUN, []string{"UNFPA", "United Nations Population Fund", "Fonds des Nations Unies pour la population"}},
	{"unwomen", mobilite.OrgUN, []string{"UN Women", "UN-Women", "ONU Femmes", "ONU-Femmes", "United Nations Entity for Gender Equality and the Empowerment of Women", "Entité des Nations Unies pour l'égalité des sexes et l'autonomisation des femmes"}},
	{"ocha", mobilite.OrgUN, []string{"OCHA", "UNOCHA", "UN OCHA", "United Nations Office for the Coordination of Humanitarian Affairs", "Office for the Coordination of Humanitarian Affairs", "Bureau de la coordination des affaires humanitaires"}},
	{"unops", mobilite.OrgUN, []string{"UNOPS", "United Nations Office for Project Services", "Bureau des Nations Unies pour les services d'appui aux projets"}},
	{"unep", mobilite.OrgUN, []string{"UNEP", "PNUE", "United Nations Environment Programme", "UN Environment Programme", "Programme des Nations Unies pour l'environnement"}},
	{"unaids", mobilite.OrgUN, []string{"UNAIDS", "ONUSIDA", "Joint United Nations Programme on HIV/AIDS", "Programme commun des Nations Unies sur le VIH/sida"}},
	{"unido", mobilite.OrgUN, []string{"UNIDO", "ONUDI", "United Nations Industrial Development Organization", "Organisation des Nations Unies pour le développement industriel"}},
	{"unodc", mobilite.OrgUN, []string{"UNODC", "ONUDC", "United Nations Office on Drugs and Crime", "Office des Nations Unies contre la drogue et le crime"}},
	{"unv", mobilite.OrgUN, []string{"UNV", "VNU", "United Nations Volunteers", "UN Volunteers", "Volontaires des Nations Unies"}},
	{"unhabitat", mobilite.OrgUN, []string{"UN-Habitat", "UN Habitat", "ONU-Habitat", "United Nations Human Settlements Programme", "Programme des Nations Unies pour les établissements humains"}},
	{"ifad", mobilite.OrgUN, []string{"IFAD", "FIDA", "International Fund for Agricultural Development", "Fonds international de développement agricole"}},
	{"uncdf", mobilite.OrgUN, []string{"UNCDF", "FENU", "United Nations Capital Development Fund", "Fonds d'équipement des Nations Unies"}},
	{"uneca", mobilite.OrgUN, []string{"UNECA", "ECA", "United Nations Economic Commission for Africa", "Commission économique des Nations Unies pour l'Afrique"}},
	{"worldbank", mobilite.OrgUN, []string{"World Bank", "World Bank Group", "The World Bank", "Banque mondiale", "Groupe de la Banque mondiale", "IBRD", "BIRD"}},
	{"afdb", mobilite.OrgUN, []string{"AfDB", "BAfD", "African Development Bank", "African Development Bank Group", "Banque africaine de développement"}},
	{"ecowas", mobilite.OrgUN, []string{"ECOWAS", "CEDEAO", "Economic Community of West African States", "Communauté économique des États de l'Afrique de l'Ouest"}},
	{"au", mobilite.OrgUN, []string{"African Union", "African Union Commission", "Union africaine", "Commission de l'Union africaine"}},
	{"icrc", mobilite.OrgUN, []string{"ICRC", "CICR", "International Committee of the Red Cross", "Comité international de la Croix-Rouge"}},
	{"ifrc", mobilite.OrgUN, []string{"IFRC", "FICR", "International Federation of Red Cross and Red Crescent Societies", "Fédération internationale des Sociétés de la Croix-Rouge et du Croissant-Rouge"}},
	{"irc", mobilite.OrgNGO, []string{"IRC", "International Rescue Committee", "Comité international de secours"}},
	{"msf", mobilite.OrgNGO, []string{"MSF", "Médecins Sans Frontières", "Medecins Sans Frontieres", "Doctors Without Borders"}},
	{"nrc", mobilite.OrgNGO, []string{"NRC", "Norwegian Refugee Council", "Conseil norvégien pour les réfugiés"}},
	{"drc", mobilite.OrgNGO, []string{"Danish Refugee Council", "Conseil danois pour les réfugiés"}},
	{"savethechildren", mobilite.OrgNGO, []string{"Save the Children", "Save the Children International", "Save the Children Fund"}},
	{"plan", mobilite.OrgNGO, []string{"Plan International", "Plan"}},
	{"worldvision", mobilite.OrgNGO, []string{"World Vision", "World Vision International"}},
	{"care", mobilite.OrgNGO, []string{"CARE", "CARE International"}},
	{"oxfam", mobilite.OrgNGO, []string{"Oxfam", "Oxfam International", "Oxfam Intermón", "Oxfam GB"}},
	{"crs", mobilite.OrgNGO, []string{"CRS", "Catholic Relief Services"}},
	{"acf", mobilite.OrgNGO, []string{"ACF", "Action Against Hunger", "Action contre la Faim"}},
	{"hi", mobilite.OrgNGO, []string{"Humanity & Inclusion", "Humanity and Inclusion", "Handicap International", "HI"}},
	{"tdh", mobilite.OrgNGO, []string{"Terre des hommes", "Terre des Hommes Lausanne", "TdH"}},
	{"mercycorps", mobilite.OrgNGO, []string{"Mercy Corps"}},
	{"acted", mobilite.OrgNGO, []string{"ACTED", "Agence d'aide à la coopération technique et au développement"}},
	{"mdm", mobilite.OrgNGO, []string{"Médecins du Monde", "Doctors of the World", "MdM"}},
	{"alima", mobilite.OrgNGO, []string{"ALIMA", "The Alliance for International Medical Action", "Alliance for International Medical Action"}},
	{"solidarites", mobilite.OrgNGO, []string{"Solidarités International", "Solidarites International"}},
	{"giz", mobilite.OrgGovernment, []string{"GIZ", "Deutsche Gesellschaft für Internationale Zusammenarbeit", "Deutsche Gesellschaft fur Internationale Zusammenarbeit"}},
	{"afd", mobilite.OrgGovernment, []string{"AFD", "Agence française de développement", "French Development Agency"}},
	{"enabel", mobilite.OrgGovernment, []string{"Enabel", "Belgian Development Agency", "Agence belge de développement"}},
	{"usaid", mobilite.OrgGovernment, []string{"USAID", "United States Agency for International Development", "U.S. Agency for International Development"}},
	{"expertisefrance", mobilite.OrgGovernment, []string{"Expertise France"}},
	{"anpe", mobilite.OrgGovernment, []string{"ANPE", "ANPE Togo", "Agence nationale pour l'emploi"}},
}

// exactOrgNames are folded names that are also ordinary words or names: they identify an
// organisation only when they are the whole name.
var exactOrgNames = map[string]bool{
	"care": true, "plan": true, "bit": true, "pam": true, "hi": true, "eca": true, "bird": true,
}

// orgName is one folded name of a known organisation.
type orgName struct {
	folded string
	org    *knownOrg
}

// orgIndex lists the folded names of knownOrgs, longest first, so that the search by words
// finds "world food programme" before a shorter name inside it. It is built once, never changed.
var orgIndex = sync.OnceValue(func() []orgName {
	var idx []orgName
	for i := range knownOrgs {
		for _, n := range knownOrgs[i].Names {
			idx = append(idx, orgName{ref.Fold(n), &knownOrgs[i]})
		}
	}
	slices.SortStableFunc(idx, func(a, b orgName) int { return cmp.Compare(len(b.folded), len(a.folded)) })
	return idx
})

// lookupOrg finds the known organisation a name designates: a name or acronym of the table,
// exactly or as whole words in a longer name ("UNICEF Togo", "United Nations Children's Fund
// (UNICEF)", "MSF OCB").
func lookupOrg(name string) (*knownOrg, bool) {
	if v, ok := orgLookups.Load(name); ok {
		o := v.(*knownOrg)
		return o, o != nil
	}
	o, ok := findOrg(name)
	if orgLookupCount.Add(1) > maxOrgLookups { // a feed of ever new names: start again
		orgLookups.Clear()
		orgLookupCount.Store(0)
	}
	orgLookups.Store(name, o)
	return o, ok
}

// orgLookups remembers the answers of lookupOrg: a feed names the same organisations
// thousands of times, an offer asks for its organisation four times on its way in, and each
// lookup reads the whole table.
var (
	orgLookups     sync.Map // name → *knownOrg, nil when unknown
	orgLookupCount atomic.Int64
)

const maxOrgLookups = 20000

func findOrg(name string) (*knownOrg, bool) {
	f := ref.Fold(name)
	if f == "" {
		return nil, false
	}
	padded := " " + f + " "
	for _, n := range orgIndex() {
		if n.folded == f {
			return n.org, true
		}
	}
	for _, n := range orgIndex() {
		if !exactOrgNames[n.folded] && strings.Contains(padded, " "+n.folded+" ") {
			return n.org, true
		}
	}
	return nil, false
}

// legalForms are words that end a company's name and do not tell it apart.
var legalForms = map[string]bool{
	"sarl": true, "sa": true, "sas": true, "sasu": true, "suarl": true, "ltd": true,
	"limited": true, "inc": true, "llc": true, "gmbh": true, "plc": true, "ong": true,
	"asbl": true, "co": true, "corp": true, "corporation": true, "bv": true, "ag": true,
}

// OrgKey is the key under which an organisation's offers are compared: the table's key for a
// known organisation, whatever name or acronym the source uses, in English or French
// ("UNICEF", "United Nations Children's Fund", "Fonds des Nations Unies pour l'enfance" →
// "unicef"); otherwise its folded name without a leading "the" and without a trailing legal
// form ("Togo Cellulaire SA" → "togo cellulaire"). "" for an empty name.
func OrgKey(name string) string {
	if o, ok := lookupOrg(name); ok {
		return o.Key
	}
	words := strings.Fields(ref.Fold(name))
	if len(words) > 1 && (words[0] == "the" || words[0] == "l") {
		words = words[1:]
	}
	for len(words) > 1 && legalForms[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}
