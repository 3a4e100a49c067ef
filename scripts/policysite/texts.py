"""Every word the build writes on a page, in each language (French typography applied later)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "effective": "Date d'entrée en vigueur",
        "updated": "Dernière mise à jour",
        "version": "Version",
        "translation_note": "Ce texte est une traduction : la version originale de cette politique est en {original}.",
        "read_original": "Lire l'original",
        "history": "Historique des versions",
        "history_of": "Historique des versions : {name}",
        "history_intro": "Chaque version publiée de cette politique reste consultable à son adresse permanente. "
        "Pour être avisé de chaque changement, abonnez-vous au fil Atom.",
        "feed": "Fil Atom des versions",
        "data": "Données ouvertes (JSON)",
        "current_badge": "en vigueur",
        "in_force_since": "En vigueur depuis le {start}",
        "in_force_range": "En vigueur du {start} au {end}",
        "read_version": "Lire cette version",
        "see_changes": "Voir les changements par rapport à la version précédente",
        "first_version": "Première version publiée sur ce site.",
        "summary": "Résumé des changements",
        "unavailable_title": "Version antérieure au {date}",
        "unavailable": "Cette politique est en vigueur depuis le {effective}. Le texte publié ici est celui de la "
        "mise à jour du {updated} ; le texte en vigueur avant cette mise à jour n'est pas disponible sur ce site.",
        "archived_banner": "Version archivée. Ce texte était en vigueur du {start} au {end}.",
        "current_permalink_banner": "Adresse permanente de la version du {start}, actuellement en vigueur.",
        "read_current": "Lire la version en vigueur",
        "changes_title": "Changements de la version du {date}",
        "changes_intro": "Comparaison de la version du {new} avec la version précédente, du {old}, section par "
        "section. Le texte ajouté est souligné et marqué « ajouté », le texte retiré est barré et marqué « retiré ».",
        "changes_none": "Aucun changement de texte entre ces deux versions.",
        "preamble": "Introduction",
        "status_changed": "Modifiée",
        "status_added": "Section ajoutée",
        "status_removed": "Section retirée",
        "status_moved": "Section déplacée",
        "renamed": "Titre précédent : {title}",
        "unchanged_count": "Sections inchangées ({count})",
        "back_to_history": "Retour à l'historique des versions",
        "policies": "Politiques publiées",
        "policy_of": "{title}",
        "home_item_dates": "en vigueur depuis le {date}",
        "permalink": "Lien permanent vers cette section",
        "toggle_label": "Lire cette page en anglais",
        "original_lang": "Langue originale",
    },
    "en": {
        "effective": "Effective date",
        "updated": "Last update",
        "version": "Version",
        "translation_note": "This text is a translation: the original version of this policy is in {original}.",
        "read_original": "Read the original",
        "history": "Version history",
        "history_of": "Version history: {name}",
        "history_intro": "Every published version of this policy stays readable at its permanent address. "
        "To be notified of every change, subscribe to the Atom feed.",
        "feed": "Atom feed of the versions",
        "data": "Open data (JSON)",
        "current_badge": "in force",
        "in_force_since": "In force since {start}",
        "in_force_range": "In force from {start} to {end}",
        "read_version": "Read this version",
        "see_changes": "See what changed from the previous version",
        "first_version": "First version published on this site.",
        "summary": "Summary of changes",
        "unavailable_title": "Version before {date}",
        "unavailable": "This policy has been in force since {effective}. The text published here is the update "
        "of {updated}; the text in force before that update is not available on this site.",
        "archived_banner": "Archived version. This text was in force from {start} to {end}.",
        "current_permalink_banner": "Permanent address of the version of {start}, currently in force.",
        "read_current": "Read the version in force",
        "changes_title": "Changes in the version of {date}",
        "changes_intro": "Comparison of the version of {new} with the previous version, of {old}, section by "
        "section. Added text is underlined and marked “added”, removed text is struck through and marked “removed”.",
        "changes_none": "No change of wording between these two versions.",
        "preamble": "Introduction",
        "status_changed": "Changed",
        "status_added": "Section added",
        "status_removed": "Section removed",
        "status_moved": "Section moved",
        "renamed": "Previous title: {title}",
        "unchanged_count": "Unchanged sections ({count})",
        "back_to_history": "Back to the version history",
        "policies": "Published policies",
        "policy_of": "{title}",
        "home_item_dates": "in force since {date}",
        "permalink": "Permanent link to this section",
        "toggle_label": "Read this page in French",
        "original_lang": "Original language",
    },
}


def text(lang: str, key: str, **values: str) -> str:
    """Return an interface string in ``lang`` with its placeholders filled."""
    return TEXTS[lang][key].format(**values)
