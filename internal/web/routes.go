package web

import (
	"embed"
	"io/fs"
	"net/http"

	"mobilite"
	"mobilite/internal/access"
)

// Routes is the route table of the pages: each route's permission is stated here and nowhere
// else, and a test walks it with every role.
func (s *Server) Routes() []Route {
	admin := access.Roles(mobilite.RoleAdmin)
	partner := access.Roles(mobilite.RolePartner)
	seeker := access.Roles(mobilite.RoleSeeker)
	registrar := access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor)
	flowWriters := access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RolePartner)
	statistician := access.Roles(mobilite.RoleAdmin, mobilite.RoleStatistician)
	inspection := access.Roles(mobilite.RoleAdmin, mobilite.RoleInspector)
	return []Route{
		route("GET", "/{$}", access.Public, s.home, "/", 200),
		route("GET", "/langue/{lang}", access.Public, s.switchLang, "/langue/en?next=/", 303),
		route("GET", "/static/{file...}", access.Public, s.static, "/static/style.css", 200),
		route("GET", "/offres", access.Public, s.offers, "/offres?q=ingenieur&region=europe&sort=newest", 200),
		route("GET", "/offres/flux.atom", access.Public, s.feed, "/offres/flux.atom?q=chauffeur", 200),
		route("GET", "/offres/direct", access.Public, s.live, "/offres/direct?timeout=1", 200),
		route("GET", "/offres/{id}", access.Public, s.offer, "/offres/1", 200),
		route("POST", "/offres/{id}/signaler", access.Public, s.report, "/offres/1/signaler", 422),
		route("POST", "/offres/{id}/metier", access.Staff, s.correctISCO, "/offres/1/metier", 422),
		route("POST", "/offres/{id}/fermer", access.Staff, s.closeOffer, "/offres/999/fermer", 404),
		route("GET", "/alertes/desabonner", access.Public, s.unsubscribeForm, "/alertes/desabonner?token=x", 200),
		route("POST", "/alertes/desabonner", access.Public, s.unsubscribe, "", 404),
		route("GET", "/statistiques", access.Public, s.statsIndex, "", 200),
		route("GET", "/statistiques/plan", access.Public, s.planReport, "", 200),
		route("GET", "/statistiques/plan.xlsx", access.Public, s.planXLSX, "", 200),
		route("GET", "/statistiques/plan/modifier", statistician, s.planEdit, "", 200),
		route("POST", "/statistiques/plan/objectifs", statistician, s.planObjectiveSave, "", 422),
		route("POST", "/statistiques/plan/objectifs/{id}", statistician, s.planObjectiveSave, "/statistiques/plan/objectifs/999999", 404),
		route("POST", "/statistiques/plan/objectifs/{id}/supprimer", statistician, s.planObjectiveDelete, "/statistiques/plan/objectifs/999999/supprimer", 404),
		route("POST", "/statistiques/plan/lignes", statistician, s.planLineSave, "", 422),
		route("POST", "/statistiques/plan/lignes/{id}/supprimer", statistician, s.planLineDelete, "/statistiques/plan/lignes/999999/supprimer", 404),
		route("GET", "/statistiques/indicateurs/nouveau", statistician, s.indicatorForm, "", 200),
		route("POST", "/statistiques/indicateurs", statistician, s.indicatorCreate, "", 422),
		route("GET", "/donnees-agregees", statistician, s.aggregatesPage, "", 200),
		route("POST", "/donnees-agregees", statistician, s.aggregatesImport, "", 422),
		route("GET", "/donnees-agregees/{id}", statistician, s.aggregateForm, "/donnees-agregees/nationals_abroad?period=2025&org_unit=FRA", 200),
		route("POST", "/donnees-agregees/{id}", statistician, s.aggregateSave, "/donnees-agregees/nationals_abroad", 422),
		route("GET", "/statistiques/{id}", access.Public, s.statsIndicator, "/statistiques/LM-F01?period=2025&by=sex&by2=destination", 200),
		route("GET", "/statistiques/{id}/export", access.Public, s.statsExport, "/statistiques/LM-F01/export?period=2025&by=sex,destination&format=sdmx-csv", 200),
		route("GET", "/agences", access.Public, s.agencies, "/agences?q=espoir", 200),
		route("GET", "/agences/{id}", access.Public, s.agency, "/agences/1", 200),
		route("GET", "/plaintes/nouvelle", access.Public, s.complaintForm, "/plaintes/nouvelle?agence=TG-AGR-2024-017&categorie=recruitment_fees", 200),
		route("POST", "/plaintes", access.Public, s.complaintFile, "", 422),
		route("GET", "/plaintes/suivi", access.Public, s.complaintFollow, "/plaintes/suivi?ref=PL-2026-AAAAAA&code=AAAAAAAAAAAA", 404),
		route("GET", "/inspection/agences", inspection, s.inspectionAgencies, "/inspection/agences?q=espoir&region=TG-M", 200),
		route("GET", "/inspection/agences/nouvelle", inspection, s.agencyNewForm, "", 200),
		route("POST", "/inspection/agences", inspection, s.agencyCreate, "", 422),
		route("GET", "/inspection/agences/{id}", inspection, s.agencyEditForm, "/inspection/agences/1", 200),
		route("POST", "/inspection/agences/{id}", inspection, s.agencyUpdate, "/inspection/agences/1", 422),
		route("POST", "/inspection/agences/{id}/evenements", inspection, s.agencyEvent, "/inspection/agences/1/evenements", 422),
		route("GET", "/inspection/departs", inspection, s.inspectionDepartures, "/inspection/departs?from=2025-01-01&to=2026-12-31", 200),
		route("GET", "/inspection/plaintes", inspection, s.inspectionComplaints, "/inspection/plaintes?status=all&category=trafficking", 200),
		route("GET", "/inspection/plaintes/{id}", inspection, s.inspectionComplaint, "/inspection/plaintes/1", 200),
		route("POST", "/inspection/plaintes/{id}", inspection, s.complaintUpdate, "/inspection/plaintes/1", 422),
		route("GET", "/referentiels", access.Public, s.refIndex, "", 200),
		route("GET", "/referentiels/metiers", access.Public, s.refOccupations, "/referentiels/metiers?q=electricien", 200),
		route("GET", "/referentiels/pays", access.Public, s.refCountries, "/referentiels/pays?q=cote", 200),

		route("GET", "/connexion", access.Guest, s.loginForm, "", 200),
		route("POST", "/connexion", access.Public, s.login, "", 422),
		route("POST", "/deconnexion", access.Public, s.logout, "", 303),
		route("GET", "/inscription", access.Guest, s.signupForm, "", 200),
		route("POST", "/inscription", access.Public, s.signup, "", 422),
		route("GET", "/mot-de-passe/oubli", access.Public, s.forgotForm, "", 200),
		route("POST", "/mot-de-passe/oubli", access.Public, s.forgot, "", 422),
		route("GET", "/mot-de-passe/nouveau", access.Public, s.resetForm, "/mot-de-passe/nouveau?token=x", 200),
		route("POST", "/mot-de-passe/nouveau", access.Public, s.reset, "", 422),

		route("GET", "/compte", access.LoggedIn, s.accountPage, "", 200),
		route("GET", "/compte/donnees", access.LoggedIn, s.myData, "", 200),
		route("POST", "/compte/langue", access.LoggedIn, s.accountLanguage, "", 422),
		route("POST", "/compte/mot-de-passe", access.LoggedIn, s.accountPassword, "", 422),
		route("POST", "/compte/supprimer", access.Roles(mobilite.RolePartner, mobilite.RoleSeeker), s.accountDelete, "", 422),
		route("POST", "/compte/jetons", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RoleInspector,
			mobilite.RoleStatistician, mobilite.RolePartner), s.tokenCreate, "", 422),
		route("POST", "/compte/jetons/{id}/revoquer", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RoleInspector,
			mobilite.RoleStatistician, mobilite.RolePartner), s.tokenRevoke, "/compte/jetons/999/revoquer", 404),

		route("GET", "/compte/inscription", access.Roles(mobilite.RoleSeeker), s.myRegistration, "", 200),
		route("POST", "/compte/inscription", access.Roles(mobilite.RoleSeeker), s.register, "", 422),
		route("POST", "/compte/inscription/modifier", access.Roles(mobilite.RoleSeeker), s.correctRegistration, "", 404),
		route("GET", "/compte/inscription/carte", access.Roles(mobilite.RoleSeeker), s.myCard, "", 404),
		route("GET", "/conseiller/inscription/{id}/carte", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor), s.staffCard, "/conseiller/inscription/999999/carte", 404),
		route("GET", "/compte/cv", access.Roles(mobilite.RoleSeeker), s.myCV, "", 404),
		route("POST", "/compte/cv", access.Roles(mobilite.RoleSeeker), s.uploadCV, "", 404),
		route("POST", "/compte/cv/supprimer", access.Roles(mobilite.RoleSeeker), s.deleteCV, "", 404),
		route("GET", "/compte/cv/genere", access.Roles(mobilite.RoleSeeker), s.myGeneratedCV, "", 404),
		route("GET", "/conseiller/inscription/{id}/cv", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor), s.staffCV, "/conseiller/inscription/999999/cv", 404),
		route("GET", "/conseiller/inscription/{id}/cv/genere", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor), s.staffGeneratedCV, "/conseiller/inscription/999999/cv/genere", 404),
		route("GET", "/verifier/{number}", access.Public, s.verify, "/verifier/TG-2026-000001-0", 404),
		route("GET", "/conseiller/inscription", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor), s.assistedForm, "", 200),
		route("POST", "/conseiller/inscription", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor), s.assistedRegister, "", 422),
		route("GET", "/compte/offres-pour-moi", seeker, s.offersForMe, "", 303),
		route("GET", "/compte/candidatures", seeker, s.myApplications, "", 303),
		route("POST", "/compte/candidatures", seeker, s.saveMyApplication, "", 404),
		route("GET", "/conseiller/demandeurs", registrar, s.seekersList, "/conseiller/demandeurs?q=ama&region=TG-M", 200),
		route("GET", "/conseiller/demandeurs/{id}", registrar, s.seekerRecord, "/conseiller/demandeurs/999999", 404),
		route("POST", "/conseiller/demandeurs/{id}/candidatures", registrar, s.saveSeekerApplication, "/conseiller/demandeurs/999999/candidatures", 404),
		route("GET", "/conseiller/offres/{id}/candidats", registrar, s.candidates, "/conseiller/offres/999999/candidats?region=TG-M", 404),
		route("POST", "/conseiller/offres/{id}/preselection", registrar, s.saveShortlist, "/conseiller/offres/999999/preselection", 404),
		route("GET", "/conseiller/offres/{id}/preselection.csv", registrar, s.exportShortlist("csv"), "/conseiller/offres/999999/preselection.csv", 404),
		route("GET", "/conseiller/offres/{id}/preselection.xlsx", registrar, s.exportShortlist("xlsx"), "/conseiller/offres/999999/preselection.xlsx", 404),
		route("GET", "/conseiller/flux", registrar, s.flowsPage, "", 200),
		route("GET", "/conseiller/flux/depart", registrar, s.departureForm, "/conseiller/flux/depart?seeker=1", 200),
		route("POST", "/conseiller/flux/depart", registrar, s.departureSave, "", 422),
		route("GET", "/conseiller/flux/retour", registrar, s.returnForm, "/conseiller/flux/retour?departure=1", 200),
		route("POST", "/conseiller/flux/retour", registrar, s.returnSave, "", 422),
		route("POST", "/conseiller/flux/retours/{id}/suivi", registrar, s.followUp, "/conseiller/flux/retours/999999/suivi", 404),
		route("GET", "/flux/import", flowWriters, s.flowsImportForm, "", 200),
		route("POST", "/flux/import", flowWriters, s.flowsImport, "", 422),
		route("GET", "/flux/modele.csv", flowWriters, s.flowsTemplate, "", 200),
		route("GET", "/flux/modele-retours.csv", flowWriters, s.returnsTemplate, "", 200),
		route("GET", "/borne", access.Public, s.kioskPage, "", 200),
		route("POST", "/borne/activer", registrar, s.kioskEnrol, "", 422),
		route("POST", "/borne/desactiver", registrar, s.kioskRevoke, "", 404),
		route("POST", "/borne/terminer", access.Public, s.kioskFinish, "", 303),
		route("GET", "/compte/alertes", access.LoggedIn, s.alertsPage, "", 200),
		route("POST", "/compte/alertes", access.LoggedIn, s.saveSearch, "", 422),
		route("POST", "/compte/alertes/{id}/supprimer", access.LoggedIn, s.deleteSearch, "/compte/alertes/999/supprimer", 404),

		route("GET", "/partenaire/offres", partner, s.partnerOffers, "", 200),
		route("GET", "/partenaire/offres/nouvelle", partner, s.partnerNewForm, "", 200),
		route("POST", "/partenaire/offres", partner, s.partnerCreate, "", 422),
		route("GET", "/partenaire/offres/{id}", partner, s.partnerEditForm, "/partenaire/offres/999999", 404),
		route("POST", "/partenaire/offres/{id}", partner, s.partnerUpdate, "/partenaire/offres/999999", 404),
		route("POST", "/partenaire/offres/{id}/fermer", partner, s.partnerClose, "/partenaire/offres/999999/fermer", 404),

		route("GET", "/moderation", access.Staff, s.moderation, "", 200),
		route("POST", "/moderation/offres/{id}", access.Staff, s.moderateOffer, "/moderation/offres/1", 422),
		route("POST", "/moderation/signalements/{id}", access.Staff, s.handleReport, "/moderation/signalements/1", 422),

		route("GET", "/admin", admin, s.adminHome, "", 200),
		route("GET", "/admin/utilisateurs", admin, s.usersList, "/admin/utilisateurs?q=a&role=admin", 200),
		route("GET", "/admin/utilisateurs/nouveau", admin, s.userNewForm, "", 200),
		route("POST", "/admin/utilisateurs", admin, s.userCreate, "", 422),
		route("GET", "/admin/utilisateurs/{id}", admin, s.userEditForm, "/admin/utilisateurs/1", 200),
		route("POST", "/admin/utilisateurs/{id}", admin, s.userUpdate, "/admin/utilisateurs/1", 422),
		route("POST", "/admin/utilisateurs/{id}/invitation", admin, s.userInvite, "/admin/utilisateurs/999/invitation", 404),
		route("GET", "/admin/bureaux", admin, s.officesList, "", 200),
		route("GET", "/admin/bureaux/nouveau", admin, s.officeNewForm, "", 200),
		route("POST", "/admin/bureaux", admin, s.officeCreate, "", 422),
		route("GET", "/admin/bureaux/{id}", admin, s.officeEditForm, "/admin/bureaux/1", 200),
		route("POST", "/admin/bureaux/{id}", admin, s.officeUpdate, "/admin/bureaux/1", 422),
		route("GET", "/admin/sources", admin, s.sourcesList, "", 200),
		route("GET", "/admin/sources/nouvelle", admin, s.sourceNewForm, "", 200),
		route("POST", "/admin/sources", admin, s.sourceSave, "", 422),
		route("GET", "/admin/sources/{id}", admin, s.sourceEditForm, "/admin/sources/1", 200),
		route("POST", "/admin/sources/{id}", admin, s.sourceSave, "/admin/sources/1", 422),
		route("POST", "/admin/sources/{id}/lancer", admin, s.sourceRun, "/admin/sources/999999/lancer", 404),
		route("GET", "/admin/import", access.Staff, s.importForm, "", 200),
		route("POST", "/admin/import", access.Staff, s.importUpload, "", 422),
		route("POST", "/admin/import/{id}/confirmer", access.Staff, s.importConfirm, "/admin/import/999999/confirmer", 404),
		route("GET", "/admin/import/{file}", access.Staff, s.importTemplate, "/admin/import/modele.csv", 200),
		route("GET", "/enquetes", statistician, s.surveysList, "", 200),
		route("POST", "/enquetes", statistician, s.surveyImport, "", 422),
		route("GET", "/enquetes/modele.xlsx", statistician, s.surveyModel, "", 200),
		route("GET", "/enquetes/{id}", statistician, s.surveyShow, "/enquetes/999999", 404),
		route("POST", "/enquetes/{id}/roles", statistician, s.surveyRoles, "/enquetes/999999/roles", 404),
		route("POST", "/enquetes/{id}/envoi", statistician, s.surveyUpload, "/enquetes/999999/envoi", 404),
		route("POST", "/enquetes/envois/{id}/confirmer", statistician, s.surveyConfirm, "/enquetes/envois/999999/confirmer", 404),
		route("GET", "/enquetes/{id}/saisie", statistician, s.surveyEntryForm, "/enquetes/999999/saisie", 404),
		route("POST", "/enquetes/{id}/saisie", statistician, s.surveyEntry, "/enquetes/999999/saisie", 404),
		route("GET", "/admin/journal", admin, s.auditList, "/admin/journal?entity=user", 200),
		route("GET", "/admin/courriels", admin, s.outboxList, "", 200),
		route("GET", "/admin/courriels/{id}", admin, s.outboxShow, "/admin/courriels/999", 404),
		route("POST", "/admin/courriels/{id}/renvoyer", admin, s.outboxRetry, "/admin/courriels/999/renvoyer", 404),
	}
}

// route builds a line of the route table.
func route(method, pattern string, p access.Perm, h http.HandlerFunc, example string, want int) Route {
	return Route{Method: method, Pattern: pattern, Perm: p, Handler: h, Example: example, Want: want}
}

// static serves the embedded CSS and images, cached for a day (the names do not change between
// releases yet, so not longer).
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	s.files.ServeHTTP(w, r)
}

//go:embed static
var staticDir embed.FS

func staticFS() fs.FS {
	sub, _ := fs.Sub(staticDir, "static")
	return sub
}
